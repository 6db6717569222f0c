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


async def migrate(engine: Engine, app_modules: list[str], *, quiet: bool = True) -> None:  # type: ignore[type-arg]
    """Run every pending migration, apps ordered by their dependencies."""
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
