"""Apply Piccolo migrations of core and every installed plugin.

Piccolo's migration runner finds apps and the engine through
``PICCOLO_CONF``; we point it at :mod:`core.piccolo_conf` and set that
module's ``DB`` and ``APP_REGISTRY`` from the application being migrated.
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import TYPE_CHECKING

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import AppRegistry

if TYPE_CHECKING:
    from piccolo.engine.base import Engine

__all__ = ["MigrationError", "migrate"]


class MigrationError(RuntimeError):
    """A migration failed; the message says which app."""


async def migrate(engine: Engine, app_modules: list[str], *, quiet: bool = True, schemas: bool = False) -> None:  # type: ignore[type-arg]
    """Run every pending migration, apps ordered by their dependencies.

    Args:
        engine: The database.
        app_modules: Piccolo app modules (core first).
        quiet: Hide Piccolo's progress output.
        schemas: PostgreSQL per-plugin schema mode: afterwards move each
            plugin's tables into its schema (:mod:`core.pg_schemas`).
    """
    os.environ["PICCOLO_CONF"] = "core.piccolo_conf"
    import core.piccolo_conf as conf

    conf.DB = engine
    conf.APP_REGISTRY = AppRegistry(apps=app_modules)
    Migration._meta.db = engine
    out = io.StringIO()
    with contextlib.redirect_stdout(out) if quiet else contextlib.nullcontext():
        result = await run_forwards("all")
    if not result.success:
        raise MigrationError(f"migration failed: {result.message}\n{out.getvalue()[-2000:]}")
    if schemas:
        import importlib

        from core.pg_schemas import move_plugin_tables

        configs = [importlib.import_module(m).APP_CONFIG for m in app_modules if m != "core.piccolo_app"]
        await move_plugin_tables(engine, {c.app_name: list(c.table_classes) for c in configs})
