"""Private messages Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.messages.tables import Conversation, Message, Participant, Report

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="messages",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Conversation, Participant, Message, Report],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
