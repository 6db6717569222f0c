"""Core's Piccolo app: its tables and migrations."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from core import tables
from core.sponsorship import tables as sponsorship

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="core",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[
        tables.Member,
        tables.SessionRow,
        tables.Token,
        tables.ConsentEvent,
        tables.ConsentArchive,
        tables.SitePlugin,
        tables.StateCounter,
        tables.AuditEntry,
        tables.OutboxEmail,
        tables.LoginAttempt,
        sponsorship.Campaign,
        sponsorship.CampaignTally,
        sponsorship.ProgrammeMember,
    ],
    migration_dependencies=[],
    commands=[],
)
