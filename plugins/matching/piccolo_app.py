"""Matching Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.matching.tables import Entry, Label

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="matching",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Entry, Label],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
