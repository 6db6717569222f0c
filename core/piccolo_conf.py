"""``PICCOLO_CONF`` module: DB and APP_REGISTRY built from installed plugins.

Lets ``piccolo migrations new <slug> --auto`` work on this project and is
what :func:`core.migrate.migrate` runs forwards. :func:`core.db` code
re-assigns ``DB`` when an application is configured.
"""

from __future__ import annotations

from piccolo.conf.apps import AppRegistry

from core.db import make_engine
from core.pg_schemas import search_path
from core.plugins_registry import discover
from core.settings import load_settings

__all__ = ["APP_REGISTRY", "DB", "app_modules"]


def app_modules(plugin_modules: list[str]) -> list[str]:
    """Piccolo app modules: core first, then each plugin having one."""
    import importlib.util

    apps = ["core.piccolo_app"]
    for name in plugin_modules:
        try:
            found = importlib.util.find_spec(f"{name}.piccolo_app") is not None
        except ModuleNotFoundError:  # a single-module plugin has no sub-modules
            found = False
        if found:
            apps.append(f"{name}.piccolo_app")
    return apps


_settings = load_settings()
_reports = [r for r in discover(_settings.plugins, paths=_settings.plugin_paths) if r.module is not None]
DB = make_engine(_settings.database_url, search_path([r.slug for r in _reports]) if _settings.pg_schemas else None)
APP_REGISTRY = AppRegistry(apps=app_modules([r.module.__name__ for r in _reports if r.module is not None]))
