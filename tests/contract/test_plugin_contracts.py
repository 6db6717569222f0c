"""Contract tests, run for every plugin installed through the entry point group."""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from core.meta import SLUG_RE
from core.plugins_registry import ENTRY_POINT_GROUP, discover

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
    assert names[slug] == f"plugins.{slug}", "slug = folder = entry-point name"


@pytest.mark.parametrize("slug", BUNDLED)
def test_privacy_contract(slug):
    """A plugin storing member data must export and erase it."""
    from core.plugins_registry import PluginRegistry

    registry = PluginRegistry([REPORTS[slug]])
    if REPORTS[slug].meta.data_categories:
        assert slug in registry.implementers("export_personal_data")
        assert slug in registry.implementers("erase_personal_data")


@pytest.mark.parametrize("slug", BUNDLED)
def test_tables_are_prefixed_with_the_slug(slug):
    import importlib

    try:
        app_config = importlib.import_module(f"plugins.{slug}.piccolo_app").APP_CONFIG
    except ModuleNotFoundError:
        return
    assert app_config.app_name == slug
    assert "core" in app_config.migration_dependencies or any(
        d.startswith("core") for d in app_config.migration_dependencies
    )
    for table in app_config.table_classes:
        assert table._meta.tablename.startswith(f"{slug}_"), table._meta.tablename


@pytest.mark.parametrize("slug", BUNDLED)
def test_templates_live_under_the_slug_and_compile(slug, app):
    package = Path(REPORTS[slug].module.__file__).parent
    env = app.state.entraide.templates.env("default", "fr")
    templates = list((package / "templates").rglob("*.html")) if (package / "templates").is_dir() else []
    for path in templates:
        relative = path.relative_to(package / "templates")
        assert relative.parts[0] == slug, f"{relative} must live under templates/{slug}/"
        env.get_template(str(relative))


def _plugin_get_routes(app, slug):
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if handler.opt.get("plugin") == slug and "GET" in handler.http_methods:
                yield re.sub(r"\{[^}:]+:int\}", "1", re.sub(r"\{[^}:]+:(str|path)\}", "x", route.path))


@pytest.mark.parametrize("slug", BUNDLED)
def test_every_route_is_404_when_disabled(slug, app, client_for):
    from core.testing import run_async

    rt = app.state.entraide
    paths = sorted(set(_plugin_get_routes(app, slug)))
    run_async(app, rt.enablement.set(rt.site("fr"), slug, False))
    fr = client_for("fr")
    for path in paths:
        assert fr.get(path, follow_redirects=False).status_code == 404, path
    uk = client_for("uk")
    for path in paths:
        if "/static/" not in path:
            assert uk.get(path, follow_redirects=False).status_code != 404 or "{" in path or path.endswith("/x"), path


@pytest.mark.parametrize("slug", BUNDLED)
def test_app_boots_without_the_plugin(slug, make_app, client_for):
    others = [s for s in BUNDLED if s != slug]
    app = make_app(plugins=others)
    assert client_for("fr", app).get("/").status_code == 200
