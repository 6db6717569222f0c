"""``entraide plugins new``: one command gives an author a plugin that passes the contract."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main
from core.plugin_new import new_plugin
from core.testing import assert_plugin_contract

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
    env["ENTRAIDE_DATA_DIR"] = str(cwd / "var")
    return subprocess.run(  # noqa: S603 - fixed argv, our own CLI
        [sys.executable, "-m", "core.cli", "plugins", "new", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def importable(tmp_path):
    """Import a generated package from its project folder, then forget it."""
    added: list[str] = []

    def load(project: Path, slug: str):
        sys.path.insert(0, str(project))
        added.append(str(project))
        return importlib.import_module(f"entraide_{slug}")

    yield load
    for path in added:
        sys.path.remove(path)
    for name in [m for m in sys.modules if m.startswith("entraide_pill")]:
        sys.modules.pop(name)


def test_new_plugin_of_each_kind_passes_the_contract(tmp_path, make_app, importable):
    result = _cli("pill_box", "--kind", "tracker", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "entraide-pill-box"
    assert f"Created {project} (package entraide_pill_box)." in result.stdout
    assert "entraide plugins check pill_box" in result.stdout
    answers = (project / ".copier-answers.yml").read_text()
    assert "kind: tracker" in answers
    assert ("_commit: " in answers) == (ROOT / ".git").exists()  # copied from git: `copier update` works
    assert f'entraide = {{ path = "{ROOT}"' in (project / "pyproject.toml").read_text()
    tracker = importable(project, "pill_box")
    assert tracker.META.kind == "tracker"
    assert_plugin_contract(tracker, make_app(extra_plugins=[tracker]))

    assert new_plugin("pill_ads", "sponsored", str(tmp_path / "ads")) == tmp_path / "ads"
    card = importable(tmp_path / "ads", "pill_ads")
    assert card.META.kind == "sponsored" and (tmp_path / "ads/entraide_pill_ads/static/pill_ads/logo.svg").is_file()
    assert_plugin_contract(card, make_app(extra_plugins=[card]))


def test_new_plugin_refuses_bad_slugs_and_occupied_folders(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def cli(*args: str) -> tuple[int, str, str]:
        code = main(["plugins", "new", *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = cli("Pill-Box")
    assert (code, out) == (2, "") and err.startswith("entraide: error: invalid plugin slug 'Pill-Box'")
    assert err.count("\n") == 1
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    code, _, err = cli("pillbox", "--dest", "taken")
    assert code == 2 and "exists and is not empty" in err
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]
    code, _, err = cli()
    assert code == 2 and "usage: entraide plugins new SLUG" in err
    assert not list(tmp_path.glob("entraide-*"))
