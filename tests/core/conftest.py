"""Fixtures shared by core tests."""

from __future__ import annotations

import shutil

import pytest

from core.testing import PG_URL


@pytest.fixture
def data_app(app, make_app, migrated_database, tmp_path):
    """An app whose SQLite database lives in its data folder, as in a default install.

    The data folder is ``tmp_path / "data"`` (created 0755, as a careless
    operator would); on PostgreSQL only the files live there. Built after the
    default ``app`` (which ``client_for`` needs), because tables follow the
    engine of the last app built.
    """
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    data.chmod(0o755)
    if PG_URL:
        return make_app()
    shutil.copyfile(migrated_database.removeprefix("sqlite:///"), data / "entraide.sqlite3")
    return make_app(database_url=f"sqlite:///{data / 'entraide.sqlite3'}")
