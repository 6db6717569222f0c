"""Directory Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.directory.tables import Listing, Suggestion

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="directory",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Listing, Suggestion],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
