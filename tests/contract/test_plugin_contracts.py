"""Contract tests, run for every plugin installed through the entry point group."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from core.meta import SLUG_RE
from core.plugins_registry import ENTRY_POINT_GROUP, discover

# Every installed plugin: the bundled ones, and outside packages installed next to this checkout
# (the host's contract suite must pass with them too; see test_plugin_template.py).
REPORTS = {r.slug: r for r in discover()}
BUNDLED = sorted(REPORTS)


def test_bundled_plugins_are_discovered():
    assert BUNDLED, "no plugin installed through the entraide.plugins entry points"


@pytest.mark.parametrize("slug", BUNDLED)
def test_plugin_loads_with_valid_meta(slug):
    report = REPORTS[slug]
    assert report.installed, report.error
    assert report.meta is not None and report.meta.slug == slug
    assert SLUG_RE.match(slug)
    names = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert names[slug] in (f"plugins.{slug}", f"entraide_{slug}"), "slug = folder = entry-point name"


@pytest.mark.parametrize("slug", BUNDLED)
def test_plugin_contract(slug, app):
    """The same checks an outside author runs (core.testing.assert_plugin_contract / entraide plugins check):
    privacy provider when data categories are declared, tables and routes prefixed, templates and static
    files under the slug and compiling, catalogs parse, every GET route 404 where the plugin is disabled."""
    from core.contract import check_plugin

    problems = check_plugin(REPORTS[slug].module, app)
    assert not problems, "\n".join(problems)


def test_contract_check_catches_a_broken_plugin(make_app):
    from fixture_plugins import impostor, sponsor_card, sponsor_rogue

    from core.contract import check_plugin

    app = make_app(extra_plugins=[sponsor_card, sponsor_rogue, impostor])
    assert check_plugin(impostor, app) == []
    [degraded] = check_plugin(sponsor_card, app)  # a well-behaved sponsored plugin: only its missing asset
    assert degraded.startswith("degraded: asset 'missing.css' not found")
    problems = check_plugin(sponsor_rogue, app)  # a single-module plugin: only its own file is audited
    forbidden = [p.rsplit(" ", 1)[1] for p in problems if "a sponsored plugin may not implement" in p]
    assert sorted(forbidden) == ["handle_event", "provide_nav_items", "resolve_related"]
    assert problems[-1].startswith("not loaded: a sponsored plugin may implement only") and len(problems) == 4
    from fixture_plugins import misspelt

    broken = check_plugin(misspelt, make_app(extra_plugins=[misspelt]))
    assert any("provide_fragment" in p for p in broken), broken


@pytest.mark.parametrize("slug", BUNDLED)
def test_app_boots_without_the_plugin(slug, make_app, client_for):
    others = [s for s in BUNDLED if s != slug]
    app = make_app(plugins=others)
    assert client_for("fr", app).get("/").status_code == 200
