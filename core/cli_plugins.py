"""``entraide plugins list|enable|disable``."""

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
