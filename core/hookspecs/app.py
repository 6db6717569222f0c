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
    from core.trackers import Tracker

__all__ = [
    "on_shutdown",
    "on_startup",
    "register_cli_commands",
    "register_routes",
    "register_template_dirs",
    "register_tracker_types",
    "seed_demo_data",
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
    """


@hookspec
def register_template_dirs() -> list[Path]:
    """Return extra Jinja template directories.

    Policy: collect, strict.
    When: once per site, while its Jinja environment is built.

    Returns:
        Directories. ``<package>/templates`` is added automatically.
    """


@hookspec
def register_tracker_types() -> list[Tracker]:
    """Declare health trackers (see :mod:`core.trackers`).

    Policy: collect, strict.
    When: once, when the Health Box builds its tracker registry.

    Returns:
        Tracker declarations; the Health Box turns each into a form,
        storage, history, chart, CSV/FHIR export and a dashboard card.
    """


@hookspec
def register_cli_commands() -> list[CliCommand]:
    """Add sub-commands to the ``entraide`` command line.

    Policy: collect, strict.
    When: once, when the CLI parser is built.

    Returns:
        Command declarations (name, help, argument setup, handler).
    """


@hookspec
async def seed_demo_data(ctx: DemoContext) -> None:
    """Create this plugin's demo data.

    Policy: notify, strict.
    When: ``entraide demo`` on an empty database, after core demo members.

    Args:
        ctx: Demo members and editions, keyed by e-mail and code.
    """


@hookspec
async def on_startup(app: Litestar) -> None:
    """Run plugin start-up work (warm caches, check settings).

    Policy: notify, strict.
    When: once per worker, when the ASGI app starts.

    Args:
        app: The Litestar application.
    """


@hookspec
async def on_shutdown(app: Litestar) -> None:
    """Release plugin resources.

    Policy: notify, isolated.
    When: once per worker, when the ASGI app stops.

    Args:
        app: The Litestar application.
    """
