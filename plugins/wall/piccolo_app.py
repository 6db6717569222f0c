"""Wall Piccolo app (tables + migrations)."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugins.wall.tables import Comment, CommentVersion, Like, Photo, Post, PostVersion, Report

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="wall",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Post, PostVersion, Photo, Comment, CommentVersion, Like, Report],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
