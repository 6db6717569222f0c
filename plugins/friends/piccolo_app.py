"""Friends Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.friends.tables import Block, FriendRequest, Friendship

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="friends",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Block, FriendRequest, Friendship],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
