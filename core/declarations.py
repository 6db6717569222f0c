"""Check each plugin's boot-time declarations alone, so one bad plugin cannot stop the app.

Purposes and permissions must be named ``<slug>.…``, every purpose needs a
text in each edition language (or English), and a tracker slug may be
declared once. A plugin breaking a rule, or whose declaring hook raises, is
unregistered and reported (``entraide plugins list``, ``/admin/``) before the
application is assembled; the others start normally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.plugins_registry import PluginRegistry
    from core.sites import SiteMap

__all__ = ["drop_invalid_plugins"]


def _call(registry: PluginRegistry, hook: str, slug: str) -> list[Any]:
    found: list[Any] = []
    for impl in getattr(registry.pm.hook, hook).get_hookimpls():
        if impl.plugin_name == slug:
            found.extend(impl.function() or [])
    return found


def _problem(registry: PluginRegistry, slug: str, sites: SiteMap, trackers: dict[str, str]) -> str | None:
    for hook, what in (("register_consent_purposes", "consent purpose"), ("register_permissions", "permission")):
        for item in _call(registry, hook, slug):
            if not item.name.startswith(f"{slug}."):
                return f"{what} {item.name!r} must start with '{slug}.'"
            texts = getattr(item, "texts", None)
            if texts is not None:
                for site in sites:
                    missing = [lang for lang in site.languages if lang not in texts and "en" not in texts]
                    if missing:
                        return f"consent purpose {item.name} has no text in {missing} (edition {site.code})"
    for tracker in _call(registry, "register_tracker_types", slug):
        owner = trackers.setdefault(tracker.slug, slug)
        if owner != slug:
            return f"tracker {tracker.slug!r} is already declared by {owner}"
    return None


def drop_invalid_plugins(registry: PluginRegistry, sites: SiteMap) -> list[str]:
    """Unregister every plugin whose declarations are invalid; returns their slugs."""
    dropped = []
    trackers: dict[str, str] = {}
    for slug in registry.installed:
        try:
            problem = _problem(registry, slug, sites, trackers)
        except Exception as exc:  # noqa: BLE001 - a raising declaration hook is this plugin's fault only
            problem = f"declaration hook failed: {exc.__class__.__name__}: {exc}"
        if problem:
            registry.drop(slug, f"invalid declaration: {problem}")
            dropped.append(slug)
    return dropped
