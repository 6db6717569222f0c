"""Entry source, derived questionnaire scores (HSI) and answer language.

Adds columns only (works the same on SQLite and PostgreSQL, keeps every row):
existing entries get source "form", existing responses an empty ``derived``
(``{}``) and an unknown language (""). The HSI of existing FTND responses is
recomputable from their stored raw answers.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-01T20:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "entry source; response derived scores and language"


def _varchar(length: int, default: str) -> dict:
    return {
        "length": length,
        "default": default,
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="healthbox", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Entry",
        tablename="healthbox_entry",
        column_name="source",
        db_column_name="source",
        column_class_name="Varchar",
        column_class=Varchar,
        params=_varchar(32, "form"),
        schema=None,
    )
    manager.add_column(
        table_class_name="QuestionnaireResponse",
        tablename="healthbox_response",
        column_name="derived",
        db_column_name="derived",
        column_class_name="JSON",
        column_class=JSON,
        params={
            "default": "{}",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    manager.add_column(
        table_class_name="QuestionnaireResponse",
        tablename="healthbox_response",
        column_name="language",
        db_column_name="language",
        column_class_name="Varchar",
        column_class=Varchar,
        params=_varchar(16, ""),
        schema=None,
    )
    return manager
