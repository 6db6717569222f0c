"""The ``entraide`` command line.

Every failure the user can fix (bad setting, unknown edition or plugin)
prints one sentence on stderr and exits with code 2; no traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core import __version__
from core.cli_common import CliError, make_app, site_or_fail, with_db
from core.cli_plugins import cmd_plugins
from core.settings import Settings, SettingsError, load_settings

__all__ = ["demo_banner", "main"]


async def _migrate(app: Any) -> None:
    from core.app import piccolo_app_modules
    from core.migrate import migrate

    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry), schemas=rt.settings.pg_schemas)


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    app = make_app(settings)
    asyncio.run(_migrate(app))
    print(f"Migrations applied ({settings.database_display}).")
    return 0


def cmd_sites(settings: Settings, args: argparse.Namespace) -> int:
    from core.sites import sites_for

    sites = sites_for(settings)
    rows = [s.as_dict() | {"default": s.code == settings.default_site} for s in sites]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            star = "*" if row["default"] else " "
            print(
                f"{star} {row['code']:<3} {row['locale']:<3} {row['timezone']:<18} age≥{row['min_age']:<3} "
                f"{row['name']}  ({', '.join(row['hosts'])})"
            )
    return 0


def cmd_createoperator(settings: Settings, args: argparse.Namespace) -> int:
    from core.identity.passwords import check_password_policy, hash_password
    from core.identity.validation import normalise_email, normalise_pseudonym, validate_email, validate_pseudonym
    from core.tables import Member

    email = args.email or input("E-mail: ")
    pseudonym = args.pseudonym or input("Pseudonym: ")
    password = os.environ.get("ENTRAIDE_OPERATOR_PASSWORD") or getpass.getpass("Password: ")
    for problem in (validate_email(email), validate_pseudonym(pseudonym), *check_password_policy(password)):
        if problem:
            raise CliError(problem)
    app = make_app(settings)
    rt = app.state.entraide
    site = site_or_fail(rt, args.site)

    async def create() -> None:
        if await Member.exists().where(Member.email == normalise_email(email)):
            raise CliError(f"an account already uses {email}")
        await Member.insert(
            Member(
                email=normalise_email(email),
                email_verified=True,
                pseudonym=pseudonym,
                pseudonym_key=normalise_pseudonym(pseudonym),
                password_hash=hash_password(password),
                birth_year=1970,
                site=site.code,
                role="operator",
                created_at=datetime.now(UTC),
            )
        )

    asyncio.run(with_db(app, create()))
    print(f"Operator {pseudonym} <{email}> created on {site.code}.")
    return 0


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    from core.checks import deploy_checks

    problems = deploy_checks(settings)
    for level, message in problems:
        print(f"{level}: {message}")
    errors = [p for p in problems if p[0] == "ERROR"]
    print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s).")
    return 1 if errors else 0


def _serve(settings: Settings, host: str, port: int, workers: int, factory: str) -> None:
    import uvicorn

    proxies = ",".join(settings.trusted_proxies)
    uvicorn.run(
        factory,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # Forwarded headers are believed only from ENTRAIDE_TRUSTED_PROXIES.
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
        server_header=False,
        log_level="info",
    )


def refuse_unsafe_prod(settings: Settings) -> None:
    """``ENTRAIDE_ENV=prod`` with an unsafe setting: one sentence, exit code 2."""
    from core.checks import prod_refusals

    if settings.env == "prod" and (problems := prod_refusals(settings)):
        raise CliError("refusing to start with ENTRAIDE_ENV=prod: " + "; ".join(problems))


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    refuse_unsafe_prod(settings)
    # Links of editions without a base_url use the port served (workers read the environment).
    os.environ.setdefault("ENTRAIDE_PORT", str(args.port))
    _serve(settings, args.host, args.port, args.workers, "core.asgi:create_app_from_env")
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    os.environ["ENTRAIDE_DEMO"] = "true"
    os.environ.setdefault("ENTRAIDE_PORT", str(args.port))
    settings = load_settings()
    refuse_unsafe_prod(settings)
    db = settings.sqlite_path
    if args.reset and db is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    app = make_app(settings)
    rt = app.state.entraide

    async def prepare() -> bool:
        from core.demo import seed

        await _migrate(app)
        return await seed(rt) is not None

    created = asyncio.run(with_db(app, prepare()))
    print(demo_banner(settings, rt.sites, args.port, created=created), flush=True)
    _serve(settings, args.host, args.port, 1, "core.asgi:create_app_from_env")
    return 0


def demo_banner(settings: Settings, sites: Any, port: int, *, created: bool) -> str:
    """What the demo prints: where its data lives (never a password), accounts, editions."""
    from core.demo import DEMO_ACCOUNTS
    from core.demo_types import DEMO_PASSWORD

    db = settings.sqlite_path
    where = str(db.resolve()) if db else settings.database_display
    lines = [f"\nEntraide {__version__} demo — database: {where}" + (" (demo data created)" if created else "")]
    lines.append(f"Data folder: {settings.data_path.resolve()}")
    lines.append(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
    lines += [f"  {mail:<30} {pseudo:<8} {role:<9} edition {code}" for mail, pseudo, code, role, _, _ in DEMO_ACCOUNTS]
    from core.demo_population import POPULATION

    lines.append(
        f"  … and {sum(POPULATION.values())} more members across the editions (same password; see /admin/members)"
    )
    lines.append("\nEditions:")
    lines += [f"  {s.code}  http://{s.code}.localhost:{port}/   {s.name} ({s.locale})" for s in sites]
    lines.append(f"\nE-mails sent by the demo: http://localhost:{port}/dev/outbox\n")
    return "\n".join(lines)


def _plugin_commands(settings: Settings) -> dict[str, Any]:
    """Sub-commands added by installed plugins (``register_cli_commands``)."""
    from core.plugins_registry import PluginRegistry, discover

    registry = PluginRegistry(discover(settings.plugins, paths=settings.plugin_paths))
    commands = {}
    for slug, declared in registry.collect("register_cli_commands"):
        for command in declared:
            if command.name in COMMANDS or command.name in commands:
                raise CliError(f"plugin {slug}: command {command.name!r} already exists")
            commands[command.name] = command
    return commands


def _parser(extra: dict[str, Any] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="entraide", description="Entraide health community framework.")
    parser.add_argument("--version", action="version", version=f"entraide {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="create demo data and serve on http://localhost:8000")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--reset", action="store_true", help="delete the SQLite database first")
    p = sub.add_parser("serve", help="serve the application")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    sub.add_parser("migrate", help="apply migrations of core and every installed plugin")
    p = sub.add_parser("sites", help="editions")
    p.add_argument("action", choices=["list"])
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("plugins", help="list, enable, disable, audit, check or create (new) plugins")
    p.add_argument("action", choices=["list", "enable", "disable", "audit", "check", "new"])
    p.add_argument("slug", nargs="?", help="plugin slug (audit: a package folder or importable name)")
    p.add_argument("--site")
    p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=["tracker", "feature", "sponsored"], default="feature", help="new: plugin kind")
    p.add_argument("--dest", help="new: project folder to create (default: ./entraide-SLUG)")
    p = sub.add_parser("createoperator", help="create an operator account")
    p.add_argument("--email")
    p.add_argument("--pseudonym")
    p.add_argument("--site", default="fr")
    sub.add_parser("check", help="deployment checks (secret, debug, HTTPS, …)")
    for command in (extra or {}).values():
        command.setup(sub.add_parser(command.name, help=command.help))
    return parser


COMMANDS = {
    "demo": cmd_demo,
    "serve": cmd_serve,
    "migrate": cmd_migrate,
    "sites": cmd_sites,
    "plugins": cmd_plugins,
    "createoperator": cmd_createoperator,
    "check": cmd_check,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``entraide`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        settings = load_settings()
        extra = _plugin_commands(settings)
        parser = _parser(extra)
        args = parser.parse_args(argv)
        if args.command in extra:
            return int(extra[args.command].run(args))
        if args.command == "plugins" and args.action in ("enable", "disable") and not (args.slug and args.site):
            raise CliError(f"usage: entraide plugins {args.action} SLUG --site CODE")
        if args.command == "plugins" and args.action in ("audit", "check", "new") and not args.slug:
            raise CliError(f"usage: entraide plugins {args.action} {'PACKAGE' if args.action == 'audit' else 'SLUG'}")
        return COMMANDS[args.command](settings, args)
    except (SettingsError, CliError) as exc:
        print(f"entraide: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
