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


@pytest.mark.parametrize("name", sorted(SPECS))
def test_spec_docstring_ends_with_a_compiling_example(name):
    from core.hookdocs import example_of

    doc = inspect.getdoc(SPECS[name]) or ""
    assert "\nExample:\n" in doc, f"{name}: end the docstring with an Example: section"
    example = example_of(SPECS[name])
    assert "@hookimpl" in example and f"def {name}(" in example, f"{name}: the example implements the hook"
    compile(example, f"<example of {name}>", "exec")  # SyntaxError fails the test
    tree = __import__("ast").parse(example)
    impl = next(n for n in tree.body if getattr(n, "name", None) == name)
    assert [a.arg for a in impl.args.args] == list(inspect.signature(SPECS[name]).parameters), name


def test_hooks_md_and_slots_md_are_generated_from_the_code():
    from core.hookdocs import API_PATH, DOC_PATH, SLOTS_PATH, render, render_api, render_slots

    stale = "is stale: run `uv run python -m core.hookdocs`"
    assert DOC_PATH.read_text(encoding="utf-8") == render(), f"docs/hooks.md {stale}"
    assert SLOTS_PATH.read_text(encoding="utf-8") == render_slots(), f"docs/slots.md {stale}"
    assert API_PATH.read_text(encoding="utf-8") == render_api(), f"docs/api.md {stale}"


def test_hookdocs_check_mode_reports_drift(tmp_path, monkeypatch, capsys):
    from core import hookdocs

    stale = tmp_path / "hooks.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(hookdocs, "DOC_PATH", stale)
    monkeypatch.setattr(hookdocs, "SLOTS_PATH", tmp_path / "slots.md")
    monkeypatch.setattr(hookdocs, "API_PATH", tmp_path / "api.md")
    assert hookdocs.main(["--check"]) == 1
    assert "is stale" in capsys.readouterr().err
    assert hookdocs.main([]) == 0 and hookdocs.main(["--check"]) == 0


def test_plugin_guide_covers_every_hook_and_links_the_generated_pages():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    missing = [name for name in SPECS if f"`{name}" not in guide]
    assert not missing, f"docs/plugins.md does not mention {missing}"
    for page in ("hooks.md", "slots.md", "api.md"):
        assert f"]({page})" in guide
