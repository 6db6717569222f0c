"""Plugins' static files: served from ``/static/<slug>/``, declared assets checked at start-up.

Every installed plugin with a ``static/<slug>/`` folder gets a static route,
whether or not it registers routes of its own (a tracker or a sponsored card
may only need a stylesheet). Like its pages, the files answer 404 on an
edition where the plugin is disabled.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar.static_files import create_static_files_router

from core.consent import ConsentState
from core.ui import PageContext

if TYPE_CHECKING:
    from litestar import Router

    from core.plugins_registry import PluginRegistry
    from core.runtime import Runtime

__all__ = ["check_assets", "plugin_static_routers", "static_dir"]

log = logging.getLogger("entraide.plugins")


def static_dir(registry: PluginRegistry, slug: str) -> Path:
    """``<package>/static/<slug>``: the only folder served for plugin ``slug``."""
    return Path(registry.module(slug).__file__ or "").parent / "static" / slug


def plugin_static_routers(registry: PluginRegistry) -> list[Router]:
    routers = []
    for slug in registry.installed:
        folder = static_dir(registry, slug)
        if folder.is_dir():
            routers.append(
                create_static_files_router(
                    path=f"/static/{slug}", directories=[folder], name=f"{slug}:static", opt={"plugin": slug}
                )
            )
    return routers


def check_assets(rt: Runtime) -> list[str]:
    """Report assets that point at a missing file (logged, and the plugin shown as degraded).

    ``provide_assets`` is asked once for an anonymous visitor of the default
    edition, without a request; an implementation that needs the request
    cannot be checked here (its assets are still served normally).
    """
    site = rt.sites.resolve(None)
    ctx = PageContext(request=None, site=site, member=None, consent=ConsentState.empty(), locale=site.locale)  # type: ignore[arg-type]
    problems = []
    for impl in rt.registry.pm.hook.provide_assets.get_hookimpls():
        slug = impl.plugin_name
        if slug not in rt.registry.metas:
            continue
        try:
            assets: Any = impl.function(ctx=ctx) or []
        except Exception:  # noqa: BLE001 - needs a real request: cannot check statically
            log.debug("plugin %s: provide_assets needs a request, not checked at start-up", slug)
            continue
        for asset in assets:
            path = static_dir(rt.registry, slug) / asset.path
            if not path.is_file():
                problems.append(f"{slug}: asset {asset.path!r} not found at {path}")
    for problem in problems:
        slug = problem.split(":", 1)[0]
        log.error("plugin %s", problem)
        rt.degraded[slug] = problem.split(": ", 1)[1]
    return problems
