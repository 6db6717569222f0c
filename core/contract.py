"""The plugin contract, checkable for any plugin: bundled, installed or under development.

:func:`check_plugin` returns every broken rule as a sentence (empty list:
the plugin passes). Use it from a plugin's own tests (``core.testing``
re-exports it as :func:`assert_plugin_contract`) or from the command line:
``entraide plugins check SLUG``. It assumes neither a ``plugins.<slug>``
module path nor that the plugin is enabled on any particular edition.
"""

from __future__ import annotations

import asyncio
import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from core.meta import SLUG_RE, PluginMeta
from core.plugin_audit import SERIOUS, audit_package

if TYPE_CHECKING:
    from litestar import Litestar

__all__ = ["check_plugin", "static_problems"]


def static_problems(module: ModuleType) -> list[str]:
    """Rules checkable without an application: META, boundary, tables, folders, catalogs."""
    meta = getattr(module, "META", None)
    if not isinstance(meta, PluginMeta):
        return [f"{module.__name__}: no META (a core.api.PluginMeta)"]
    slug = meta.slug
    problems = [] if SLUG_RE.match(slug) else [f"slug {slug!r} does not match {SLUG_RE.pattern}"]
    is_package = hasattr(module, "__path__")
    where = Path(module.__file__ or "").parent if is_package else Path(module.__file__ or "")
    _, findings = audit_package(str(where))
    problems += [f"boundary: {f}" for f in findings if f.level == SERIOUS]
    if is_package:
        problems += _folder_problems(where, slug)
    problems += _table_problems(module, slug)
    return problems


def _folder_problems(package: Path, slug: str) -> list[str]:
    problems = []
    for folder in ("templates", "static"):
        root = package / folder
        if root.is_dir():
            stray = sorted(p.name for p in root.iterdir() if p.name != slug and not p.name.startswith("."))
            if stray:
                problems.append(f"{folder}/ may only hold {folder}/{slug}/ (found {', '.join(stray)})")
    for po in sorted(package.glob("locale/*/LC_MESSAGES/messages.po")):
        from babel.messages.pofile import read_po

        try:
            with po.open("rb") as fh:
                read_po(fh)
        except Exception as exc:  # noqa: BLE001 - any parse error is a broken catalog
            problems.append(f"{po.relative_to(package)} does not parse: {exc}")
    return problems


def _table_problems(module: ModuleType, slug: str) -> list[str]:
    if not hasattr(module, "__path__"):
        return []
    try:
        config = importlib.import_module(f"{module.__name__}.piccolo_app").APP_CONFIG
    except ModuleNotFoundError as exc:
        if exc.name == f"{module.__name__}.piccolo_app":
            return []
        raise
    problems = [] if config.app_name == slug else [f"Piccolo app_name {config.app_name!r} must be {slug!r}"]
    if not any(str(d).startswith("core") for d in config.migration_dependencies):
        problems.append("piccolo_app: migration_dependencies must include core.piccolo_app")
    problems += [
        f"table {t._meta.tablename!r} must be named {slug}_<entity>"
        for t in config.table_classes
        if not t._meta.tablename.startswith(f"{slug}_")
    ]
    return problems


def _app_problems(app: Litestar, slug: str) -> list[str]:
    """Rules needing the built application: routes named and placed, 404 when disabled, templates compile."""
    from litestar.testing import TestClient

    rt = app.state.entraide
    problems = []
    gets = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if handler.opt.get("plugin") != slug:
                continue
            if not (route.path == f"/{slug}" or route.path.startswith((f"/{slug}/", f"/static/{slug}"))):
                problems.append(f"route {route.path} must live under /{slug}/")
            if handler.name and not str(handler.name).startswith(f"{slug}:"):
                problems.append(f"route name {handler.name!r} must start with '{slug}:'")
            if "GET" in handler.http_methods:
                gets.append(re.sub(r"\{[^}:]+:int\}", "1", re.sub(r"\{[^}:]+:(str|path|uuid)\}", "x", route.path)))
    site = next((s for s in rt.sites if rt.enablement.allowed_on(slug, s)), None)
    if site is None:
        return [*problems, "META.countries allows no configured edition"]
    asyncio.run(rt.enablement.set(site, slug, False))
    with TestClient(app, base_url=f"http://{site.code}.localhost") as client:
        for path in sorted(set(gets)):
            status = client.get(path, follow_redirects=False).status_code
            if status != 404:
                problems.append(f"GET {path} answers {status} on {site.code} where {slug} is disabled (want 404)")
    problems += _template_problems(app, slug)
    return problems


def _template_problems(app: Litestar, slug: str) -> list[str]:
    rt = app.state.entraide
    package = Path(rt.registry.module(slug).__file__ or "").parent / "templates"
    env = rt.templates.env("default", "en")
    problems = []
    sponsored = slug in rt.sponsored
    for path in sorted(package.rglob("*.html")) if package.is_dir() else []:
        try:
            env.get_template(str(path.relative_to(package)))
        except Exception as exc:  # noqa: BLE001 - report every template that does not compile
            problems.append(f"template {path.relative_to(package)} does not compile: {exc}")
            continue
        if sponsored:
            problems += _member_data_in(env, path, package)
    return problems


def _member_data_in(env: Any, path: Path, package: Path) -> list[str]:
    """A sponsored plugin's template naming what only member pages get (viewer, consents, navigation…).

    Core renders such templates without those names anyway; the check tells
    the author at once instead of leaving a silently empty page.
    """
    from jinja2 import meta

    from core.sponsorship.context import MEMBER_KEYS

    names = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
    return [f"template {path.relative_to(package)} reaches member data: {name}" for name in sorted(names & MEMBER_KEYS)]


def check_plugin(module: ModuleType, app: Litestar | None = None) -> list[str]:
    """Every contract rule ``module`` breaks (empty: it passes).

    Args:
        module: The plugin's package (``META`` at top level).
        app: An application with the plugin installed, on a migrated
            database; without one only the static rules are checked. The
            check disables the plugin on one edition to test the 404 rule.
    """
    problems = static_problems(module)
    meta: Any = getattr(module, "META", None)
    if app is None or not isinstance(meta, PluginMeta):
        return problems
    rt = app.state.entraide
    report = next((r for r in rt.registry.reports if r.slug == meta.slug), None)
    if report is None or not report.installed:
        return [*problems, f"not loaded: {report.error if report else 'not installed in this application'}"]
    if meta.data_categories:
        for hook in ("export_personal_data", "erase_personal_data"):
            if meta.slug not in rt.registry.implementers(hook):
                problems.append(f"declares data categories but does not implement {hook}")
    if meta.slug in rt.degraded:
        problems.append(f"degraded: {rt.degraded[meta.slug]}")
    return problems + _app_problems(app, meta.slug)
