"""Groups Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.groups.tables import Group, Membership, Reply, ReplyVersion, Report, Subscription, Thread

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="groups",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Group, Membership, Thread, Reply, ReplyVersion, Subscription, Report],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
