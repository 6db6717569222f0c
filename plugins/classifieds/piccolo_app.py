"""Classifieds Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.classifieds.tables import Ad, Contact, Photo, Report

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="classifieds",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Ad, Contact, Photo, Report],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
