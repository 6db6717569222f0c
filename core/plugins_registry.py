"""Plugin discovery and the per-application plugin manager.

Bundled plugins are found through the same entry-point group as third-party
ones (``entraide.plugins``). A plugin that fails to import, has invalid
metadata, an incompatible core or a missing dependency is *reported* and
skipped: the application still starts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

import pluggy

from core import __version__, hookspecs
from core.hooks import PROJECT
from core.meta import PluginMeta, check_core_compatible
from core.plugin_paths import PluginPathError, entry_points_in

__all__ = [
    "ENTRY_POINT_GROUP",
    "LoadReport",
    "PluginRegistry",
    "discover",
    "sponsored_refusal",
]

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "entraide.plugins"


@dataclass(frozen=True)
class LoadReport:
    """The outcome of loading one plugin, shown by ``entraide plugins list``."""

    slug: str
    meta: PluginMeta | None
    module: ModuleType | None
    error: str | None = None

    @property
    def installed(self) -> bool:
        return self.error is None and self.module is not None


_REPORTED: set[tuple[str, str]] = set()


def report_once(slug: str, error: str) -> None:
    """Log a plugin problem once per process (the CLI and the app both discover plugins)."""
    if (slug, error) not in _REPORTED:
        _REPORTED.add((slug, error))
        log.error("plugin %s not loaded: %s", slug, error)


def _load_entry_point(name: str, value_loader: Any) -> LoadReport:
    try:
        module = value_loader()
    except Exception as exc:  # noqa: BLE001 - any import failure is reported
        error = f"import failed: {exc.__class__.__name__}: {exc}"
        report_once(name, error)
        return LoadReport(name, None, None, error)
    meta = getattr(module, "META", None)
    if not isinstance(meta, PluginMeta):
        return LoadReport(name, None, None, "no META (PluginMeta) in the plugin module")
    if name == "core":
        return LoadReport(name, meta, None, "the slug 'core' is reserved for core's built-in plugin")
    if meta.slug != name:
        return LoadReport(name, meta, None, f"META.slug {meta.slug!r} differs from entry point {name!r}")
    reason = check_core_compatible(meta, __version__)
    if reason:
        return LoadReport(name, meta, None, reason)
    return LoadReport(name, meta, module)


def discover(
    only: list[str] | None = None, extra: list[ModuleType] | None = None, paths: list[str] | None = None
) -> list[LoadReport]:
    """Find plugins through entry points (plus local folders and ``extra`` modules).

    Args:
        only: Keep only these slugs (tests build apps with chosen plugins).
        extra: Plugin modules registered directly, as if installed.
        paths: Plugin project folders (``ENTRAIDE_PLUGIN_PATHS``); their
            entry points win over an installed plugin of the same name.

    Returns:
        One report per plugin, sorted by slug; dependency failures included.
    """
    reports: dict[str, LoadReport] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if only is not None and ep.name not in only:
            continue
        reports[ep.name] = _load_entry_point(ep.name, ep.load)
    for raw in paths or []:
        try:
            declared = entry_points_in(raw, ENTRY_POINT_GROUP)
        except PluginPathError as exc:
            report_once(raw, str(exc))
            reports[raw] = LoadReport(raw, None, None, str(exc))
            continue
        for name, value in declared.items():
            if only is None or name in only:
                reports[name] = _load_entry_point(name, lambda v=value: _load_value(v))
    for module in extra or []:
        meta = getattr(module, "META", None)
        slug = meta.slug if isinstance(meta, PluginMeta) else module.__name__
        reports[slug] = _load_entry_point(slug, lambda m=module: m)
    return _check_dependencies(reports)


def _load_value(value: str) -> Any:
    """Import ``"module[:attr]"`` like ``EntryPoint.load``."""
    import importlib

    module_name, _, attr = value.partition(":")
    module = importlib.import_module(module_name.strip())
    return getattr(module, attr.strip()) if attr else module


def _check_dependencies(reports: dict[str, LoadReport]) -> list[LoadReport]:
    changed = True
    while changed:
        changed = False
        for slug, report in list(reports.items()):
            if not report.installed or report.meta is None:
                continue
            missing = [d for d in report.meta.requires_plugins if not (d in reports and reports[d].installed)]
            if missing:
                reports[slug] = LoadReport(slug, report.meta, None, f"requires missing plugin(s): {', '.join(missing)}")
                changed = True
    return [reports[k] for k in sorted(reports)]


class PluginRegistry:
    """One pluggy manager per application, plus the load reports.

    No import-time globals: tests build many apps with different plugins.
    """

    def __init__(self, reports: list[LoadReport]) -> None:
        self.reports = reports
        self.pm = pluggy.PluginManager(PROJECT)
        for module in hookspecs.MODULES:
            self.pm.add_hookspecs(module)
        self.metas: dict[str, PluginMeta] = {}
        from core import builtin

        self.pm.register(builtin, name=builtin.SLUG)  # core's own contributions, through the same hooks
        for report in list(reports):
            if not report.installed or report.meta is None:
                continue
            error = self._register(report)
            if error:
                report_once(report.slug, error)
                self.reports[self.reports.index(report)] = LoadReport(report.slug, report.meta, None, error)
                continue
            self.metas[report.slug] = report.meta
        self.pm.check_pending()  # every plugin left passed it alone: cannot fail

    def _register(self, report: LoadReport) -> str | None:
        """Register one plugin and validate its hook implementations; why it failed, or None.

        pluggy validates an implementation's arguments at registration but a
        misspelt hook name (``provide_fragment``) only in ``check_pending()``,
        which would fail for the whole application: check after each plugin
        and unregister the faulty one instead.
        """
        try:
            hooks = _hooks_module(report.module)
        except Exception as exc:  # noqa: BLE001 - a bad plugin must not stop the app
            return f"hooks failed to import: {exc.__class__.__name__}: {exc}"
        try:
            self.pm.register(hooks, name=report.slug)
        except Exception as exc:  # noqa: BLE001 - a bad plugin must not stop the app
            return f"invalid hook implementation: {exc}"
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=report.slug)
            return f"invalid hook implementation: {exc}"
        refused = sponsored_refusal(report.meta, {caller.name for caller in self.pm.get_hookcallers(hooks) or ()})
        if refused:
            self.pm.unregister(name=report.slug)
        return refused

    def drop(self, slug: str, error: str) -> None:
        """Unregister a loaded plugin and report why (the application starts without it)."""
        report_once(slug, error)
        if self.pm.get_plugin(slug) is not None:
            self.pm.unregister(name=slug)
        meta = self.metas.pop(slug, None)
        for index, report in enumerate(self.reports):
            if report.slug == slug:
                self.reports[index] = LoadReport(slug, meta, None, error)

    @property
    def installed(self) -> list[str]:
        """Slugs of the plugins that loaded, sorted."""
        return sorted(self.metas)

    def module(self, slug: str) -> ModuleType:
        for report in self.reports:
            if report.slug == slug and report.module is not None:
                return report.module
        raise KeyError(slug)

    def collect(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a global hook per implementation; strict: errors propagate.

        Returns:
            ``(slug, result)`` pairs for results that are not None, sorted by slug
            so the order never depends on registration order.
        """
        results = []
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            result = impl.function(**kwargs)
            if result is not None:
                results.append((impl.plugin_name, result))
        return sorted(results, key=lambda pair: pair[0])

    def implementers(self, hook_name: str) -> set[str]:
        return {impl.plugin_name for impl in getattr(self.pm.hook, hook_name).get_hookimpls()}


def sponsored_refusal(meta: PluginMeta | None, implemented: set[str]) -> str | None:
    """Why core refuses a ``sponsored`` plugin (None when it may load, or is of another kind).

    Core, not the plugin's good will, keeps advertisers away from members:
    such a plugin may implement only :data:`core.hookspecs.SPONSORED_HOOKS`
    and may not declare member-data categories.
    """
    if meta is None or meta.kind != "sponsored":
        return None
    if meta.data_categories:
        return "a sponsored plugin may not store member data (META.data_categories must be empty)"
    outside = sorted(implemented - hookspecs.SPONSORED_HOOKS)
    if outside:
        allowed = ", ".join(sorted(hookspecs.SPONSORED_HOOKS))
        return f"a sponsored plugin may implement only {allowed}; it implements {', '.join(outside)}"
    return None


def _hooks_module(module: ModuleType | None) -> Any:
    """A plugin's hook implementations live in ``<pkg>.hooks`` by convention."""
    assert module is not None
    hooks = getattr(module, "hooks", None)
    if isinstance(hooks, ModuleType):
        return hooks
    if not hasattr(module, "__path__"):
        return module  # a single-module plugin holds its hooks itself
    import importlib

    try:
        return importlib.import_module(f"{module.__name__}.hooks")
    except ModuleNotFoundError as exc:
        if exc.name != f"{module.__name__}.hooks":
            raise
        return module
