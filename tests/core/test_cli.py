"""The entraide command line, run as a user would (subprocess, real database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(tmp_path, database_url):
    def runner(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        base = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
        base.update({"DATABASE_URL": database_url, "ENTRAIDE_DATA_DIR": str(tmp_path / "var")})
        base.update(env or {})
        return subprocess.run(  # noqa: S603 - fixed argv, our own CLI
            [sys.executable, "-m", "core.cli", *args],
            capture_output=True,
            text=True,
            env=base,
            cwd=tmp_path,
            timeout=120,
        )

    return runner


def test_sites_list_json(run):
    result = run("sites", "list", "--json")
    assert result.returncode == 0, result.stderr
    sites = {s["code"]: s for s in json.loads(result.stdout)}
    assert set(sites) == {"fr", "be", "ch", "qc", "ma", "dz", "tn", "uk", "de"}
    assert sites["fr"]["default"] and "localhost" in sites["fr"]["hosts"]
    assert (sites["fr"]["min_age"], sites["de"]["min_age"], sites["uk"]["min_age"], sites["qc"]["min_age"]) == (
        15,
        16,
        13,
        14,
    )
    assert sites["uk"]["locale"] == "en" and sites["de"]["locale"] == "de"


def test_plugins_enable_disable_and_list(run):
    listing = json.loads(run("plugins", "list", "--site", "fr", "--json").stdout)
    assert listing, "no plugin installed"
    healthbox = next(row for row in listing if row["slug"] == "healthbox")
    slug = healthbox["slug"]
    assert healthbox["enabled"] is True and healthbox["installed"] is True
    assert run("plugins", "disable", slug, "--site", "fr").returncode == 0
    after = {r["slug"]: r for r in json.loads(run("plugins", "list", "--site", "fr", "--json").stdout)}
    assert after[slug]["enabled"] is False
    other = {r["slug"]: r for r in json.loads(run("plugins", "list", "--site", "uk", "--json").stdout)}
    assert other[slug]["enabled"] is True


def test_unknown_slug_or_site_exit_2_with_one_line(run):
    for args in (("plugins", "enable", "nope", "--site", "fr"), ("plugins", "list", "--site", "zz")):
        result = run(*args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "unknown" in result.stderr


def test_invalid_setting_names_it_without_traceback(run):
    result = run("sites", "list", env={"ENTRAIDE_SMTP_PORT": "not-a-number"})
    assert result.returncode == 2
    assert "ENTRAIDE_SMTP_PORT" in result.stderr and "Traceback" not in result.stderr


def test_check_fails_on_dev_defaults_and_passes_hardened(run, tmp_path):
    assert run("check").returncode == 1
    hardened = {
        "ENTRAIDE_ENV": "prod",
        "ENTRAIDE_SECRET_KEY": "k" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789",
        "ENTRAIDE_HTTPS": "true",
        "ENTRAIDE_EMAIL_BACKEND": "smtp",
    }
    result = run("check", env=hardened)
    assert result.returncode == 0, result.stdout
    assert "0 error(s)" in result.stdout


def test_migrate_is_idempotent(run):
    assert run("migrate").returncode == 0
    assert run("migrate").returncode == 0


def test_createoperator(run):
    env = {"ENTRAIDE_OPERATOR_PASSWORD": "a long operator passphrase"}
    ok = run("createoperator", "--email", "boss@example.org", "--pseudonym", "Boss", env=env)
    assert ok.returncode == 0, ok.stderr
    dup = run("createoperator", "--email", "boss@example.org", "--pseudonym", "Boss2", env=env)
    assert dup.returncode == 2 and "already" in dup.stderr


def _plugin_project(root: Path, slug: str, init: str) -> Path:
    project = root / f"entraide-{slug}"
    (project / f"entraide_{slug}").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "entraide-{slug}"\nversion = "0.1.0"\n'
        f'[project.entry-points."entraide.plugins"]\n{slug} = "entraide_{slug}"\n'
    )
    (project / f"entraide_{slug}" / "__init__.py").write_text(init)
    return project


def test_plugin_cli_on_an_unmigrated_database_prints_one_sentence(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "ENTRAIDE_DATA_DIR": str(tmp_path)})
    for args in (["plugins", "list", "--site", "fr"], ["plugins", "disable", "healthbox", "--site", "fr"]):
        command = [sys.executable, "-m", "core.cli", *args]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)  # noqa: S603
        assert result.returncode == 2, result.stderr
        expected = "entraide: error: the database has no Entraide tables yet: run `entraide migrate` first\n"
        assert result.stderr == expected


def test_plugin_paths_and_a_broken_plugin_reported_once(run, tmp_path):
    good = _plugin_project(
        tmp_path,
        "hydration",
        'from core.api import PluginMeta\nMETA = PluginMeta(slug="hydration", name="Hydration", version="0.1.0")\n',
    )
    bad = _plugin_project(tmp_path, "wobbly", "import no_such_module_anywhere\n")
    result = run("plugins", "list", "--site", "fr", env={"ENTRAIDE_PLUGIN_PATHS": f"{good},{bad}"})
    assert result.returncode == 0, result.stderr
    assert "hydration" in result.stdout and "enabled on fr" in result.stdout.split("hydration", 1)[1].splitlines()[0]
    wobbly = next(line for line in result.stdout.splitlines() if line.startswith("wobbly"))
    assert "NOT LOADED: import failed: ModuleNotFoundError" in wobbly
    assert result.stderr.count("no_such_module_anywhere") == 1, result.stderr  # reported once, not per discovery
