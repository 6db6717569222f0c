"""The plugin boundary: plugins import core only through ``core.api``, never each other, own their tables.

Every module under ``plugins/`` is parsed, not imported (a plugin that fails
to import is still checked), with the same rules ``entraide plugins audit``
applies to an outside package. Tests may also use the test kit (``core.testing``).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core.plugin_audit import SERIOUS, audit_package

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIRS = sorted(p for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())


@pytest.mark.parametrize("package", PLUGIN_DIRS, ids=lambda p: p.name)
def test_plugin_stays_inside_the_boundary(package):
    """Imports only core.api (+ core.testing in tests) and itself; raw SQL only on its own tables."""
    source, findings = audit_package(str(package))
    assert source.slug == package.name
    serious = [str(f) for f in findings if f.level == SERIOUS]
    assert not serious, "\n".join(serious)


BAD_PLUGIN = {
    "__init__.py": """
        from entraide_shady.meta import META
    """,
    "meta.py": """
        from core.api import PluginMeta
        META = PluginMeta(slug="shady", name="Shady", version="0.1.0", kind="sponsored",
                          sponsor="ACME", data_categories=("clicks",))
    """,
    "hooks.py": """
        import os
        import subprocess
        import core.tables
        from core import consent
        from core.api import hookimpl
        from plugins.friends import services
        import httpx

        TOKEN = os.environ["ENTRAIDE_SECRET_KEY"]

        @hookimpl
        async def handle_event(event):
            await services.raw("SELECT email FROM core_member WHERE id = {}", event.member_id)

        @hookimpl
        def provide_fragment(slot, ctx):
            return []

        async def mine(engine):
            await engine.run_ddl("DELETE FROM shady_click")
            return ctx.request.app.state.entraide
    """,
    "tests/test_shady.py": """
        from core.testing import login
        from core.tables import Member
    """,
}


def _write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "entraide_shady"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return package


def test_audit_finds_what_it_promises(tmp_path):
    package = _write_package(tmp_path, BAD_PLUGIN)
    source, findings = audit_package(str(tmp_path))  # a project folder works too
    assert (source.slug, source.kind, source.package) == ("shady", "sponsored", package)
    messages = {(f.level, f.path, f.message.split(":")[0]) for f in findings}
    expected = {
        (SERIOUS, "entraide_shady/hooks.py", "imports subprocess"),
        (SERIOUS, "entraide_shady/hooks.py", "imports core.tables"),
        (SERIOUS, "entraide_shady/hooks.py", "imports core.consent"),
        (SERIOUS, "entraide_shady/hooks.py", "imports plugins.friends"),
        ("warning", "entraide_shady/hooks.py", "imports httpx"),
        (SERIOUS, "entraide_shady/hooks.py", "uses os.environ"),
        (SERIOUS, "entraide_shady/hooks.py", "a sponsored plugin may not implement handle_event"),
        (SERIOUS, "entraide_shady/hooks.py", "hook implementation 'provide_fragment'"),
        (SERIOUS, "entraide_shady/hooks.py", "raw SQL names table 'core_member' outside shady_*"),
        ("warning", "entraide_shady/hooks.py", "reaches into core's runtime (app.state.entraide)"),
        (SERIOUS, "entraide_shady/tests/test_shady.py", "imports core.tables"),
        (SERIOUS, "entraide_shady/meta.py", "a sponsored plugin may not declare member-data categories"),
    }
    assert messages == expected
    assert not any("shady_click" in f.message or "core.testing" in f.message for f in findings)


def test_audit_command_exit_codes(tmp_path):
    def audit(target):
        command = [sys.executable, "-m", "core.cli", "plugins", "audit", str(target)]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)  # noqa: S603

    _write_package(tmp_path, BAD_PLUGIN)
    bad = audit(tmp_path / "entraide_shady")
    assert bad.returncode == 1, bad.stderr
    assert "10 serious finding(s), 2 warning(s)." in bad.stdout
    assert "SERIOUS: entraide_shady/hooks.py:3: imports core.tables: only core.api is public" in bad.stdout
    good = audit(ROOT / "plugins" / "healthbox")
    assert good.returncode == 0 and "0 serious finding(s)" in good.stdout
    missing = audit(tmp_path / "nowhere")
    assert missing.returncode == 2 and missing.stderr.startswith("entraide: error: ")
