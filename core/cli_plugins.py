"""``entraide plugins list|enable|disable|audit|check|new``."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from core.cli_common import CliError, make_app, site_or_fail, with_db
from core.settings import Settings

__all__ = ["cmd_plugins"]


async def _plugin_rows(app: Any, code: str | None) -> list[dict[str, Any]]:
    rt = app.state.entraide
    site = site_or_fail(rt, code) if code else None
    enabled = await rt.enablement.enabled(site) if site else frozenset()
    rows = []
    for report in rt.registry.reports:
        row: dict[str, Any] = {
            "slug": report.slug,
            "name": report.meta.name if report.meta else "",
            "version": report.meta.version if report.meta else "",
            "installed": report.installed,
            "error": report.error,
        }
        if site:
            row["site"] = site.code
            row["enabled"] = report.slug in enabled
        rows.append(row)
    return rows


def cmd_plugins(settings: Settings, args: argparse.Namespace) -> int:
    if args.action == "audit":
        return _audit(args.slug)
    if args.action == "check":
        return _check(settings, args.slug)
    if args.action == "new":
        from core.plugin_new import new_plugin, next_steps

        print(next_steps(new_plugin(args.slug, args.kind, args.dest), args.slug))
        return 0
    app = make_app(settings)
    if args.action == "list":
        rows = asyncio.run(with_db(app, _plugin_rows(app, args.site)))
        if args.json:
            print(json.dumps(rows, indent=1))
            return 0
        for row in rows:
            state = "installed" if row["installed"] else f"NOT LOADED: {row['error']}"
            where = f"  {'enabled' if row['enabled'] else 'disabled'} on {row['site']}" if "site" in row else ""
            print(f"{row['slug']:<14} {row['version']:<8} {row['name']:<32} {state}{where}")
        return 0
    return asyncio.run(with_db(app, _toggle(app, args.slug, args.site, args.action == "enable")))


async def _toggle(app: Any, slug: str, code: str, enabled: bool) -> int:
    from core.admin.routes import audit

    rt = app.state.entraide
    site = site_or_fail(rt, code)
    if slug not in rt.registry.installed:
        raise CliError(f"unknown plugin {slug!r} (installed: {', '.join(rt.registry.installed) or 'none'})")
    try:
        await rt.enablement.set(site, slug, enabled)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    await audit(None, "plugin.enabled" if enabled else "plugin.disabled", site=code, target=slug)
    print(f"{slug} {'enabled' if enabled else 'disabled'} on {code}.")
    return 0


def _audit(target: str) -> int:
    """``entraide plugins audit PACKAGE``: static findings, exit 1 when one is serious."""
    from core.plugin_audit import SERIOUS, audit_package

    try:
        source, findings = audit_package(target)
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None
    print(f"Audit of {source.slug} (kind {source.kind}) at {source.package}")
    for finding in findings:
        print(f"  {finding}")
    serious = sum(1 for f in findings if f.level == SERIOUS)
    print(f"{serious} serious finding(s), {len(findings) - serious} warning(s).")
    print("The audit reads the source; it cannot prove a plugin safe (docs/plugins.md, 'Trust and the audit').")
    return 1 if serious else 0


def _check(settings: Settings, slug: str) -> int:
    """``entraide plugins check SLUG``: the contract tests, on a throwaway SQLite database."""
    import tempfile
    from pathlib import Path

    import msgspec

    from core.contract import check_plugin
    from core.migrate import migrate

    with tempfile.TemporaryDirectory(prefix="entraide-check-") as tmp:
        scratch = msgspec.structs.replace(
            settings, database_url=f"sqlite:///{Path(tmp) / 'check.sqlite3'}", data_dir=tmp, plugins=None, env="dev"
        )
        app = make_app(scratch)
        rt = app.state.entraide
        report = next((r for r in rt.registry.reports if r.slug == slug), None)
        if report is None:
            raise CliError(f"unknown plugin {slug!r} (installed: {', '.join(rt.registry.installed) or 'none'})")
        if report.module is None:
            print(f"{slug}: NOT LOADED: {report.error}")
            return 1
        from core.app import piccolo_app_modules

        asyncio.run(migrate(rt.engine, piccolo_app_modules(rt.registry)))
        problems = check_plugin(report.module, app)
    for problem in problems:
        print(f"  FAIL: {problem}")
    print(f"{slug}: {'contract broken' if problems else 'passes the plugin contract'} ({len(problems)} problem(s)).")
    return 1 if problems else 0
