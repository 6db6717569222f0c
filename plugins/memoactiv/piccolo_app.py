"""MémoActiv Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.memoactiv.tables import PromptLog, Run, Session, Setting

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="memoactiv",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Run, Session, Setting, PromptLog],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
