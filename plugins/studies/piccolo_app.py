"""Studies Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.studies.tables import Disclosure, Extract, Participation, Study

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="studies",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Study, Participation, Extract, Disclosure],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
