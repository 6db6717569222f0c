"""The per-application runtime: registry, sites, enablement, templates.

One :class:`Runtime` lives in ``app.state.entraide``; nothing is global, so
tests can build many apps with different plugin sets in one process.
"""

from __future__ import annotations

import inspect
import logging
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.builtin import SLUG as BUILTIN
from core.consent import Purpose
from core.declarations import drop_invalid_plugins
from core.enablement import Enablement
from core.hookcache import CACHE_ATTR, HookResultCache
from core.hookspecs import SITE_HOOKS
from core.i18n import catalog_dirs
from core.kernel import as_view
from core.permissions import Permission, role_allows
from core.plugins_registry import PluginRegistry
from core.pubsub import make_broker
from core.sites import Site, SiteMap
from core.sponsorship.tally import Tally
from core.templating import TemplateFactory

if TYPE_CHECKING:
    from piccolo.engine.base import Engine

    from core.events import Event
    from core.settings import Settings
    from core.trackers import Tracker

__all__ = ["MEMBER_DATA_HOOKS", "Runtime"]

#: Site hooks whose arguments carry member data: never called on sponsored plugins.
MEMBER_DATA_HOOKS = frozenset({"handle_event", "resolve_permission", "resolve_related", "resolve_study_values"})

log = logging.getLogger("entraide.plugins")

CORE_DIR = Path(__file__).resolve().parent


class Runtime:
    """Everything a request needs that is built once per application."""

    def __init__(self, settings: Settings, registry: PluginRegistry, sites: SiteMap, engine: Engine) -> None:  # type: ignore[type-arg]
        self.settings = settings
        self.registry = registry
        self.sites = sites
        self.engine = engine
        self.pubsub = make_broker(settings.redis_url)
        drop_invalid_plugins(registry, sites)  # before anything is built from the declarations
        metas = registry.metas
        self.enablement = Enablement(
            sites,
            registry.installed,
            restricted={s for s, m in metas.items() if m.restricted},
            countries={s: m.countries for s, m in metas.items()},
            sponsored={s for s, m in metas.items() if m.kind == "sponsored"},
        )
        self.sponsored = frozenset(s for s, m in metas.items() if m.kind == "sponsored")
        self.tally = Tally()  # sponsored impressions and clicks, written in batches
        self.degraded: dict[str, str] = {}
        self.hook_cache = HookResultCache()
        self._impl_cache: dict[tuple[str, frozenset[str]], list[Any]] = {}
        self._splits: dict[frozenset[str], tuple[frozenset[str], frozenset[str]]] = {}
        self.purposes = self._collect_purposes()
        self.permissions = self._collect_permissions()
        self.trackers: dict[str, tuple[str, Tracker]] = {}
        for slug, declared in registry.collect("register_tracker_types"):
            for tracker in declared:
                if tracker.slug in self.trackers:
                    raise ValueError(
                        f"tracker {tracker.slug!r} declared by {slug} and {self.trackers[tracker.slug][0]}"
                    )
                self.trackers[tracker.slug] = (slug, tracker)
        package_dirs = [Path(registry.module(s).__file__ or "").parent for s in registry.installed]
        plugin_templates = [d / "templates" for d in package_dirs if (d / "templates").is_dir()]
        plugin_templates += [Path(p) for _, ps in registry.collect("register_template_dirs") for p in ps]
        self.package_dirs = package_dirs
        self.templates = TemplateFactory(
            plugin_templates, catalog_dirs([CORE_DIR, *package_dirs]), {}, auto_reload=settings.debug
        )
        self._check_legal_packs()

    # -- declarations -----------------------------------------------------
    def _collect_named(self, hook_name: str, what: str) -> dict[str, Any]:
        """Declarations of core's built-in plugin and every plugin, each prefixed by its slug."""
        found: dict[str, Any] = {}
        for slug, declared in self.registry.collect(hook_name):
            for item in declared:
                if not item.name.startswith(f"{slug}."):
                    raise ValueError(f"plugin {slug}: {what} {item.name!r} must start with '{slug}.'")
                found[item.name] = item
        return found

    def _collect_purposes(self) -> dict[str, Purpose]:
        purposes = self._collect_named("register_consent_purposes", "consent purpose")
        return dict(sorted(purposes.items(), key=lambda kv: (kv[1].order, kv[0])))

    def _collect_permissions(self) -> dict[str, Permission]:
        return self._collect_named("register_permissions", "permission")

    def _check_legal_packs(self) -> None:
        for site in self.sites:
            for purpose in self.purposes.values():
                missing = [lang for lang in site.languages if lang not in purpose.texts and "en" not in purpose.texts]
                if missing:
                    raise ValueError(f"edition {site.code}: purpose {purpose.name} has no text in {missing}")

    # -- site-scoped dispatch -----------------------------------------------
    def split_sponsored(self, enabled: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
        """``(plain, sponsored)``: an enabled set without and with only the sponsored plugins.

        Every page keys kept work on these; the same objects come back for the
        same enabled set, so their hashes are computed once, not per request.
        """
        found = self._splits.get(enabled)
        if found is None:
            if len(self._splits) >= 256:
                self._splits.clear()
            found = self._splits[enabled] = (enabled - self.sponsored, enabled & self.sponsored)
        return found

    def site_impls(self, hook_name: str, enabled: frozenset[str]) -> list[Any]:
        """Implementations of a site hook by plugins enabled on the site (cached)."""
        key = (hook_name, enabled)
        impls = self._impl_cache.get(key)
        if impls is None:
            assert hook_name in SITE_HOOKS, hook_name
            found = getattr(self.registry.pm.hook, hook_name).get_hookimpls()
            eligible = enabled | {BUILTIN}  # core's own plugin is enabled everywhere
            if hook_name in MEMBER_DATA_HOOKS:  # sponsored plugins never get member data
                eligible = eligible - self.sponsored
            impls = self._impl_cache[key] = sorted(
                (i for i in found if i.plugin_name in eligible), key=lambda i: i.plugin_name
            )
        return impls

    async def call_isolated(self, hook_name: str, enabled: frozenset[str], **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a site hook per plugin; one that raises is logged and skipped.

        Implementations marked :func:`core.hookcache.edition_cached` are called
        once per cache key; their results for a key are kept together, so a
        page costs one look-up for them however many plugins are installed.

        Returns:
            ``(slug, result)`` for every non-None result, by slug.
        """
        return (await self.call_cached(hook_name, enabled, **kwargs))[0]

    async def call_cached(
        self, hook_name: str, enabled: frozenset[str], **kwargs: Any
    ) -> tuple[list[tuple[str, Any]], bool]:
        """:meth:`call_isolated`, and whether every result came from the edition cache."""
        kept, asked, complete, live = await self.call_parts(hook_name, enabled, **kwargs)
        if not live:
            return kept, complete
        return sorted([*kept, *asked], key=itemgetter(0)), False

    async def call_parts(
        self, hook_name: str, enabled: frozenset[str], **kwargs: Any
    ) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]], bool, bool]:
        """A site hook's results in two parts: those kept in the edition cache, those asked now.

        Pages of members keep what is the same for every member (most of the
        navigation) and ask only the per-member implementations (badges), so
        what is built from the kept part can be kept too (:func:`core.chrome.page_chrome`).

        Returns:
            ``(kept, asked, complete, live)``: the ``(slug, result)`` pairs of
            implementations cached for this edition, language and sign-in, by
            slug; those of the others, asked now; whether every kept
            implementation answered (a failing one is asked again next time);
            whether any implementation is asked on each call.
        """
        key = self.hook_cache.key(hook_name, enabled, kwargs)
        if key is None:
            return [], (await self._call_each(hook_name, self.site_impls(hook_name, enabled), kwargs))[0], False, True
        cached_impls, dynamic = self.hook_cache.split(
            self.site_impls(hook_name, enabled), visitor=key[-1], slot=kwargs.get("slot"), never=self.sponsored
        )
        results = self.hook_cache.get("*", key, None)
        complete = True
        if results is None:
            results, complete = await self._call_each(hook_name, cached_impls, kwargs)
            if complete:
                self.hook_cache.put("*", key, results)
        if not dynamic:
            return results, [], complete, False
        return results, (await self._call_each(hook_name, dynamic, kwargs))[0], complete, True

    async def sponsored_answers(
        self, hook_name: str, sponsored: frozenset[str], campaigns: dict[str, int], **kwargs: Any
    ) -> tuple[list[tuple[str, Any]], bool]:
        """Sponsored plugins' answers (``ctx`` becomes their SponsoredContext), and whether they are the kept ones.

        When every implementation is marked ``@edition_cached``, the answer is
        kept per edition, language, segment, slot and running campaigns: all a
        sponsored plugin is ever shown; what is built from a kept answer may be
        kept too. Otherwise they are asked every time.
        """
        impls = self.site_impls(hook_name, sponsored)
        if not impls or not all(getattr(i.function, CACHE_ATTR, None) == "edition" for i in impls):
            return (await self._call_each(hook_name, impls, kwargs))[0], not impls
        from core.sponsorship.context import sponsored_context

        seen = await sponsored_context(kwargs["ctx"])
        running = tuple((slug, campaigns.get(slug)) for slug in sorted(sponsored))
        key = ("sponsored", hook_name, kwargs.get("slot"), seen.site.code, seen.locale, seen.segment, running)
        found: list[tuple[str, Any]] | None = self.hook_cache.get("*", key, None)
        if found is None:
            found, complete = await self._call_each(hook_name, impls, kwargs)
            if not complete:
                return found, False
            self.hook_cache.put("*", key, found)
        return found, True

    async def _call_each(
        self, hook_name: str, impls: list[Any], kwargs: dict[str, Any]
    ) -> tuple[list[tuple[str, Any]], bool]:
        """``(slug, result)`` of each implementation, and whether none of them raised."""
        results = []
        complete = True
        for impl in impls:
            args = kwargs
            if impl.plugin_name in self.sponsored and "ctx" in kwargs:
                from core.sponsorship.context import sponsored_context

                args = {**kwargs, "ctx": await sponsored_context(kwargs["ctx"])}  # edition, language, segment
            try:
                result = impl.function(**args)
                if inspect.isawaitable(result):
                    result = await result
            except Exception as exc:
                log.exception("plugin %s failed in %s", impl.plugin_name, hook_name)
                self.degraded[impl.plugin_name] = f"{hook_name}: {exc.__class__.__name__}: {exc}"
                complete = False
                continue
            if result is not None:
                results.append((impl.plugin_name, result))
        return results, complete

    async def emit(self, event: Event) -> None:
        """Deliver an event to plugins enabled on its site (isolated)."""
        site = self.sites.get(event.site)
        if site is None:
            return
        enabled = await self.enablement.enabled(site)
        await self.call_isolated("handle_event", enabled, event=event)

    async def allowed(
        self, member: Any, permission: str, obj: Any = None, enabled: frozenset[str] | None = None
    ) -> bool:
        """Permission check: per-object hooks first (strict; sync or async), then role grants.

        Args:
            member: A :class:`~core.members.MemberView`, a core member row, or None.
            permission: Permission name.
            obj: The object concerned, or None.
            enabled: Plugins enabled on the edition (None: roles only).
        """
        view = as_view(member)
        if enabled:
            for impl in self.site_impls("resolve_permission", enabled):
                if permission.startswith("core.") and impl.plugin_name != BUILTIN:
                    continue  # no plugin grants itself the operator console
                decided = impl.function(member=view, permission=permission, obj=obj)
                if inspect.isawaitable(decided):
                    decided = await decided
                if decided is not None:
                    return bool(decided)
        return role_allows(self.permissions, view, permission, obj)

    def role_allowed(self, member: Any, permission: str) -> bool:
        """The role-grant part of :meth:`allowed` alone (sync: error pages, templates)."""
        return role_allows(self.permissions, as_view(member), permission)

    def site(self, code: str) -> Site:
        site = self.sites.get(code)
        if site is None:
            raise KeyError(code)
        return site
