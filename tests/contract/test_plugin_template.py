"""The copier template generates complete plugins of each kind that work outside this repository.

One test renders the three kinds, installs them next to this checkout in a
throwaway virtual environment (``uv venv`` + ``uv pip install -e``, versions
pinned from uv.lock, packages from the uv cache), runs the generated tests
with plain ``pytest`` there and sees the plugins in ``entraide plugins list``.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from core.testing import login, make_member, post_form

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"tracker": "hydration", "feature": "journal", "sponsored": "acme_card"}


def _render(target: Path, kind: str, source: Path = ROOT / "plugin_template", **data: object) -> Path:
    from copier import run_copy

    run_copy(
        str(source), str(target), data={"kind": kind, "entraide_path": str(ROOT), **data}, defaults=True, quiet=True
    )
    return target


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV") and "ENTRAIDE_" not in k}
    result = subprocess.run(  # noqa: S603 - fixed argv
        [str(a) for a in args], cwd=cwd, env={**clean, **(env or {})}, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_generated_tracker_is_small_and_works(tmp_path, make_app, client_for):
    target = _render(tmp_path / "entraide-pillbox", "tracker", slug="pillbox", name="Pill box", hard_max=30)
    package = target / "entraide_pillbox"
    code = sum(len(p.read_text().splitlines()) for p in package.glob("*.py"))
    assert code < 100, f"a tracker plugin should take well under 100 lines, got {code}"
    assert 'pillbox = "entraide_pillbox"' in (target / "pyproject.toml").read_text()
    sys.path.insert(0, str(target))
    try:
        plugin = importlib.import_module("entraide_pillbox")
        app = make_app(extra_plugins=[plugin])
        make_member(app, email="alice@example.org")
        client = client_for("fr", app)
        login(client, "alice@example.org")
        today = date.today().isoformat()
        assert post_form(client, "/healthbox/pillbox/", {"date": today, "value": "31"}).status_code == 400
        assert post_form(client, "/healthbox/pillbox/", {"date": today, "value": "2"}).status_code == 303
        assert "<svg" in client.get("/healthbox/pillbox/").text
    finally:
        sys.path.remove(str(target))
        for name in [m for m in sys.modules if m.startswith("entraide_pillbox")]:
            sys.modules.pop(name)


def test_every_kind_installs_next_to_the_checkout_and_passes_its_tests(tmp_path):
    uv = shutil.which("uv")
    assert uv, "uv is needed on PATH (CI installs it)"
    projects = {kind: _render(tmp_path / f"entraide-{slug}", kind) for kind, slug in KINDS.items()}
    feature = projects["feature"] / "entraide_journal"
    for expected in (
        "piccolo_migrations/journal_2026_01_01t00_00_00_000000.py",
        "templates/journal/pages/index.html",
        "static/journal/journal.css",
        "locale/de/LC_MESSAGES/messages.po",
        "services.py",
    ):
        assert (feature / expected).is_file(), expected
    sponsored = projects["sponsored"] / "entraide_acme_card"
    assert (sponsored / "static/acme_card/logo.svg").is_file() and 'kind="sponsored"' in (
        sponsored / "meta.py"
    ).read_text()
    assert "kind: feature" in (projects["feature"] / ".copier-answers.yml").read_text()
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    requirements = tmp_path / "requirements.txt"
    _run(uv, "export", "-q", "--frozen", "--no-hashes", "--no-dev", "--no-emit-project", "-o", requirements, cwd=ROOT)
    _run(uv, "venv", "-q", "--python", sys.executable, venv, cwd=tmp_path)
    _run(uv, "pip", "install", "-q", "--python", python, "-r", requirements, "pytest", cwd=tmp_path)
    editable = [arg for path in (ROOT, *projects.values()) for arg in ("-e", str(path))]
    _run(uv, "pip", "install", "-q", "--no-deps", "--python", python, *editable, cwd=tmp_path)
    tests = [projects[k] / f"entraide_{s}" / "tests" for k, s in KINDS.items()]
    result = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tmp_path, *tests, cwd=tmp_path)
    assert " passed" in result.stdout and "failed" not in result.stdout
    listing = _run(
        venv / "bin" / "entraide", "plugins", "list", "--json", cwd=tmp_path, env={"ENTRAIDE_DATA_DIR": str(tmp_path)}
    )
    rows = {row["slug"]: row for row in json.loads(listing.stdout)}
    assert all(rows[slug]["installed"] for slug in KINDS.values()), rows
    for kind, slug in KINDS.items():
        audit = _run(venv / "bin" / "entraide", "plugins", "audit", f"entraide_{slug}", cwd=tmp_path)
        assert "0 serious finding(s)" in audit.stdout, (kind, audit.stdout)
    # The host's own contract suite, run in that environment, accepts the outside plugins too.
    only_outside = " or ".join(KINDS.values())
    host = _run(
        python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",  # the checkout's addopts ask for pytest-xdist, a dev dependency not installed here
        "addopts=-ra --strict-markers",
        "tests/contract/test_plugin_contracts.py",
        "-k",
        only_outside,
        cwd=ROOT,
    )
    assert "9 passed" in host.stdout, host.stdout[-2000:]


def test_copier_update_follows_the_template_history(tmp_path):
    """Copied from a git checkout (the repository's root copier.yml), a plugin can `copier update`."""
    from copier import run_update

    repo = tmp_path / "entraide"
    shutil.copytree(ROOT / "plugin_template", repo / "plugin_template")
    shutil.copy(ROOT / "copier.yml", repo / "copier.yml")
    git = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI"]
    _run(*git, "init", "-q", cwd=repo)
    _run(*git, "add", "-A", cwd=repo)
    _run(*git, "commit", "-qm", "template v1", cwd=repo)
    _run(*git, "tag", "v0.1.0", cwd=repo)
    plugin = _render(tmp_path / "entraide-journal", "feature", source=repo)
    answers = (plugin / ".copier-answers.yml").read_text()
    assert "_commit: v0.1.0" in answers and "kind: feature" in answers
    _run(*git, "init", "-q", cwd=plugin)
    _run(*git, "add", "-A", cwd=plugin)
    _run(*git, "commit", "-qm", "generated", cwd=plugin)
    readme = repo / "plugin_template" / "template" / "README.md.jinja"
    readme.write_text(readme.read_text() + "\nTemplate v2 adds this line.\n")
    _run(*git, "commit", "-qam", "template v2", cwd=repo)
    _run(*git, "tag", "v0.2.0", cwd=repo)
    run_update(str(plugin), defaults=True, overwrite=True, quiet=True, unsafe=True)
    assert "Template v2 adds this line." in (plugin / "README.md").read_text()
    assert "_commit: v0.2.0" in (plugin / ".copier-answers.yml").read_text()
