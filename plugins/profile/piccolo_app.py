"""Profile Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.profile.tables import Condition, Profile, Symptom, Treatment

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="profile",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Condition, Profile, Symptom, Treatment],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
