"""The plugin boundary: plugins import core only through ``core.api`` and never each other.

Every module under ``plugins/`` is parsed (no import needed, so a plugin
that fails to import is still checked). Tests may also use the test kit
(``core.testing``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIRS = sorted(p for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())
PUBLIC = {"core.api"}
TEST_KIT = {"core.testing"}


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """``(line, dotted module)`` for every absolute import, lazy ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module in ("core", "plugins"):  # from core import api / from plugins import x
                found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, node.module))
    return found


def boundary_violations(path: Path, slug: str) -> list[str]:
    """Why ``path`` (a module of plugin ``slug``) crosses the boundary, one line each."""
    is_test = "tests" in path.relative_to(ROOT / "plugins" / slug).parts
    allowed_core = PUBLIC | TEST_KIT if is_test else PUBLIC
    problems = []
    for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        top = module.split(".")
        where = f"{path.relative_to(ROOT)}:{line}"
        if top[0] == "core" and not any(module == a or module.startswith(a + ".") for a in allowed_core):
            problems.append(f"{where} imports {module}: use core.api (grow it if something is missing)")
        if top[0] == "plugins" and (len(top) < 2 or top[1] != slug):
            problems.append(f"{where} imports {module}: talk to other plugins through hooks and events")
    return problems


@pytest.mark.parametrize("package", PLUGIN_DIRS, ids=lambda p: p.name)
def test_plugin_imports_only_core_api_and_itself(package):
    problems = [v for path in sorted(package.rglob("*.py")) for v in boundary_violations(path, package.name)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_what_it_should(tmp_path, monkeypatch):
    fake = ROOT / "plugins" / "healthbox" / "tests" / "_probe.py"
    sample = (
        "import core.tables\nfrom core import consent\nfrom core.api import render\n"
        "from plugins.friends import services\nfrom plugins.healthbox import tables\n"
        "def f():\n    from core.testing import login\n    import plugins\n"
    )
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: sample)
    problems = boundary_violations(fake, "healthbox")
    assert [p.split(" imports ")[1].split(":")[0] for p in problems] == [
        "core.tables",
        "core.consent",
        "plugins.friends",
        "plugins",
    ]
    production = boundary_violations(ROOT / "plugins" / "healthbox" / "hooks_probe.py", "healthbox")
    assert any("core.testing" in p for p in production)  # the test kit is for tests only
