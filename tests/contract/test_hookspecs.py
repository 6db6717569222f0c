"""The spec triangle: every hook is documented, declares its policy, and is tested."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from core import hookspecs

ROOT = Path(__file__).resolve().parents[2]


def spec_functions():
    for module in hookspecs.MODULES:
        for name in module.__all__:
            yield name, getattr(module, name)


SPECS = dict(spec_functions())
ALL_TEST_SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in [*ROOT.glob("tests/**/*.py"), *ROOT.glob("plugins/*/tests/*.py")]
)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_spec_is_documented_with_policy_and_args(name):
    doc = inspect.getdoc(SPECS[name]) or ""
    assert re.search(r"^Policy: (collect|first|notify), (strict|isolated)", doc, re.M), name
    assert "When:" in doc
    params = [p for p in inspect.signature(SPECS[name]).parameters]
    for param in params:
        assert re.search(rf"^\s+{param}:", doc, re.M), f"{name}: Args entry for {param}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_spec_has_a_dedicated_test(name):
    assert f"def test_hook_{name}" in ALL_TEST_SOURCE, f"write test_hook_{name}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_spec_is_listed_in_the_docs(name):
    docs = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert f"### `{name}(" in docs


def test_site_hooks_are_exactly_the_request_time_ones():
    request_time = {n for n in SPECS if n.startswith(("provide_", "resolve_")) or n == "handle_event"}
    assert request_time == hookspecs.SITE_HOOKS


def test_slots_are_documented():
    from core.ui import SLOTS

    docs = (ROOT / "docs" / "slots.md").read_text(encoding="utf-8")
    for slot in SLOTS:
        assert f"`{slot}`" in docs
    templates = "\n".join(
        p.read_text(encoding="utf-8") for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts
    )
    for used in set(re.findall(r'slot\("([^"]+)"\)', templates)):
        assert used in SLOTS, f"slot {used} used in a template but not documented in core.ui.SLOTS"
