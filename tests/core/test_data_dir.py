"""ENTRAIDE_DATA_DIR moves everything, and no database password is ever printed."""

from __future__ import annotations

import os
import subprocess
import sys

from core.cli import demo_banner
from core.settings import load_settings, redact_url
from core.sites import load_sites


def test_default_database_lives_in_the_data_folder(tmp_path):
    settings = load_settings({"ENTRAIDE_DATA_DIR": str(tmp_path / "elsewhere")}, cwd=tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'elsewhere' / 'entraide.sqlite3'}"
    explicit = load_settings({"ENTRAIDE_DATA_DIR": "x", "DATABASE_URL": "sqlite:///other.db"}, cwd=tmp_path)
    assert explicit.database_url == "sqlite:///other.db"


def test_migrate_without_database_url_creates_the_file_in_the_data_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
    env["ENTRAIDE_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "migrate"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "entraide.sqlite3").is_file()
    assert not (tmp_path / "var").exists()


def test_demo_banner_prints_the_real_path(tmp_path):
    settings = load_settings({"ENTRAIDE_DATA_DIR": str(tmp_path / "d")}, cwd=tmp_path)
    banner = demo_banner(settings, load_sites(None, "fr"), 8110, created=True)
    assert f"database: {(tmp_path / 'd' / 'entraide.sqlite3').resolve()}" in banner


def test_database_password_is_never_printed(tmp_path):
    url = "postgresql://entraide:s3cr%40t:pw@db.example:5432/entraide"
    settings = load_settings({"DATABASE_URL": url}, cwd=tmp_path)
    banner = demo_banner(settings, load_sites(None, "fr"), 8110, created=False)
    assert "s3cr" not in banner and "postgresql://entraide:***@db.example:5432/entraide" in banner
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert redact_url("sqlite:///var/x.sqlite3") == "sqlite:///var/x.sqlite3"
    assert (
        redact_url("postgresql://db/x?sslmode=require&Password=hunter2")
        == "postgresql://db/x?sslmode=require&Password=***"
    )
    bad = subprocess.run(
        [sys.executable, "-m", "core.cli", "sites", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": "mysql://root:hunter2@db/x"},
        cwd=tmp_path,
        timeout=60,
    )
    assert bad.returncode == 2 and "hunter2" not in bad.stderr + bad.stdout
