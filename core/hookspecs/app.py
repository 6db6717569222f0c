"""Boot-time hooks: what a plugin adds to the application.

All are global (called for every installed plugin, enabled or not) because
routes, tables and templates exist installation-wide; per-site enablement
hides them at request time. A plugin's Piccolo app (tables + migrations) is
found by convention in ``<package>.piccolo_app`` rather than by a hook, so
that ``piccolo migrations new <slug> --auto`` sees the same registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.hooks import hookspec

if TYPE_CHECKING:
    from pathlib import Path

    from litestar import Litestar

    from core.cli_types import CliCommand
    from core.demo_types import DemoContext
    from core.tracker_records import TrackerEntry
    from core.trackers import Tracker

__all__ = [
    "on_shutdown",
    "on_startup",
    "register_cli_commands",
    "register_routes",
    "register_template_dirs",
    "register_tracker_types",
    "seed_demo_data",
    "store_tracker_entry",
]


@hookspec
def register_routes() -> list[Any]:
    """Return the Litestar route handlers or routers of this plugin.

    Policy: collect, strict.
    When: once, while the application is built.

    Returns:
        Routers (conventionally one ``Router("/<slug>")``) or handlers. Core
        tags each with ``opt["plugin"] = <slug>`` so that a site on which the
        plugin is disabled answers 404.

    Example:
        @hookimpl
        def register_routes():
            from litestar import Router

            from entraide_hydration.routes import index, submit

            return [Router("/hydration", route_handlers=[index, submit])]
    """


@hookspec
def register_template_dirs() -> list[Path]:
    """Return extra Jinja template directories.

    Policy: collect, strict.
    When: once per site, while its Jinja environment is built.

    Returns:
        Directories. ``<package>/templates`` is added automatically.

    Example:
        @hookimpl
        def register_template_dirs():
            from pathlib import Path

            return [Path(__file__).parent / "shared_templates"]
    """


@hookspec
def register_tracker_types() -> list[Tracker]:
    """Declare health trackers (see :mod:`core.trackers`).

    Policy: collect, strict.
    When: once, when the Health Box builds its tracker registry.

    Returns:
        Tracker declarations; the Health Box turns each into a form,
        storage, history, chart, CSV/FHIR export and a dashboard card.

    Example:
        @hookimpl
        def register_tracker_types():
            from core.api import Metric, Tracker

            glasses = Metric("glasses", "Glasses of water", "integer", unit="{glass}", hard_min=0, hard_max=40)
            return [Tracker(slug="hydration", name="Hydration", description="Glasses a day.", metrics=(glasses,))]
    """


@hookspec
def store_tracker_entry(entry: TrackerEntry) -> bool | None:
    """Store a tracker entry a plugin computed (``core.api.record_entry``).

    Policy: first, strict. Implementations may be async (core awaits them).
    When: each time a plugin records values through ``core.api.record_entry``,
    after they were validated against the tracker's declaration and the
    member's health-data consent was checked.

    Args:
        entry: The validated entry (member, tracker slug, day, values with
            derived ones, source plugin, time zone).

    Returns:
        True once stored (the Health Box answers); None to let another plugin answer.

    Example:
        @hookimpl
        async def store_tracker_entry(entry):
            print(entry.tracker, entry.day, dict(entry.values))
            return True
    """


@hookspec
def register_cli_commands() -> list[CliCommand]:
    """Add sub-commands to the ``entraide`` command line.

    Policy: collect, strict.
    When: once, when the CLI parser is built.

    Returns:
        Command declarations (name, help, argument setup, handler).

    Example:
        @hookimpl
        def register_cli_commands():
            from core.api import CliCommand

            def setup(parser):
                parser.add_argument("--days", type=int, default=30)

            def run(args):
                print(f"purged entries older than {args.days} days")
                return 0

            return [CliCommand("hydration-purge", "delete old hydration drafts", setup, run)]
    """


@hookspec
async def seed_demo_data(ctx: DemoContext) -> None:
    """Create this plugin's demo data.

    Policy: notify, strict.
    When: ``entraide demo`` on an empty database, after core's demo accounts
    and population; plugins run in dependency order (``requires_plugins``,
    then ``META.seed_after``, then slug).

    Args:
        ctx: ``members`` (read-only views), ``by_email``, ``sites`` and a
            seeded ``random``; ``await ctx.add_member(...)`` adds an account.

    Example:
        @hookimpl
        async def seed_demo_data(ctx):
            camille = ctx.by_email["camille@demo.entraide.test"]
            for member in [camille, *ctx.random.sample(ctx.members, 5)]:
                await services.add_entry(member.id, glasses=ctx.random.randint(3, 10))
    """


@hookspec
async def on_startup(app: Litestar) -> None:
    """Run plugin start-up work (warm caches, check settings).

    Policy: notify, strict.
    When: once per worker, when the ASGI app starts.

    Args:
        app: The Litestar application.

    Example:
        @hookimpl
        async def on_startup(app):
            from core.api import all_trackers

            services.remember(all_trackers(app))
    """


@hookspec
async def on_shutdown(app: Litestar) -> None:
    """Release plugin resources.

    Policy: notify, isolated.
    When: once per worker, when the ASGI app stops.

    Args:
        app: The Litestar application.

    Example:
        @hookimpl
        async def on_shutdown(app):
            await services.close_http_client()
    """
