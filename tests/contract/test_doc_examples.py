"""Every Python example in the docs compiles and imports only names core really exports.

Authors copy these examples first; one naming a moved or misspelt ``core.api``
name, or reaching into a core internal, teaches the wrong door.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
PUBLIC = {"core.api", "core.testing"}  # the door, and the test kit for plugin tests


def _examples() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        blocks = re.findall(r"```(?:python|py)\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        found += [(f"{doc.name}#{i}", block) for i, block in enumerate(blocks, 1)]
    return found


EXAMPLES = _examples()


def test_the_docs_have_examples():
    assert len(EXAMPLES) >= 20 and any(name.startswith("plugins.md") for name, _ in EXAMPLES)


@pytest.mark.parametrize(("where", "code"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_example_compiles_and_imports_public_names(where, code):
    tree = ast.parse(code, filename=where)  # SyntaxError names the block
    compile(tree, where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)  # snippets may await at top level
    for node in ast.walk(tree):
        modules = (
            [(node.module, [a.name for a in node.names])]
            if isinstance(node, ast.ImportFrom) and node.module
            else [(a.name, []) for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        for module, names in modules:
            if module.split(".")[0] != "core":
                continue
            assert module in PUBLIC, f"{where}: imports {module}; plugins use core.api (tests: core.testing)"
            exported = set(importlib.import_module(module).__all__)
            assert not set(names) - exported, f"{where}: {module} has no {sorted(set(names) - exported)}"
