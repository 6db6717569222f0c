"""Cached results of page hooks whose answer depends only on the edition.

Most navigation items, stylesheets and static fragments (``me.privacy``
notes) are the same for every request of an edition in a language; calling
every plugin's hook on every page made each page slower with each plugin
installed. A plugin marks such an implementation with :func:`edition_cached`
and core computes its result once per *(hook, slot, edition, enabled plugins,
language, signed in or not)*:

    @hookimpl
    @edition_cached
    def provide_nav_items(ctx):
        return [NavItem(gettext_for(ctx.request).gettext("Directory"), "/directory/", name="directory.search")]

``@edition_cached(visitors_only=True)`` caches only what visitors get (a
member's badge is counted on each request); ``@edition_cached(live_slots=
("admin.dashboard",))`` keeps the named slots live (a count of open reports)
while the plugin's other fragments are cached. Results are shared between
requests: return new objects, never mutate them. Renders that pass slot
arguments (``ctx.args``) are never cached. Enabling or disabling a plugin
changes the key, so nothing stale survives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

__all__ = ["CACHE_ATTR", "LIVE_ATTR", "HookResultCache", "edition_cached"]

F = TypeVar("F", bound=Callable[..., Any])
CACHE_ATTR = "entraide_edition_cached"
LIVE_ATTR = "entraide_live_slots"
_MAX_ENTRIES = 4096


@overload
def edition_cached(fn: F) -> F: ...


@overload
def edition_cached(*, visitors_only: bool = False, live_slots: tuple[str, ...] = ()) -> Callable[[F], F]: ...


def edition_cached(fn: Any = None, *, visitors_only: bool = False, live_slots: tuple[str, ...] = ()) -> Any:
    """Declare that a page hook's result depends only on edition, enabled plugins, language and sign-in.

    Args:
        fn: The hook implementation (when used without arguments).
        visitors_only: Cache only the answer visitors get.
        live_slots: Slots of ``provide_fragments`` whose answer is computed on each request.
    """

    def mark(func: F) -> F:
        setattr(func, CACHE_ATTR, "visitors" if visitors_only else "edition")
        setattr(func, LIVE_ATTR, frozenset(live_slots))
        return func

    return mark(fn) if fn is not None else mark


def _cacheable(impl: Any, wanted: tuple[str, ...], slot: str | None) -> bool:
    function = impl.function
    return getattr(function, CACHE_ATTR, None) in wanted and slot not in getattr(function, LIVE_ATTR, ())


class HookResultCache:
    """Per-worker store of cacheable hook results (bounded; cleared when full)."""

    def __init__(self) -> None:
        self._store: dict[tuple[Any, ...], Any] = {}
        self._splits: dict[tuple[int, bool, str | None], tuple[list[Any], list[Any], list[Any]]] = {}

    @staticmethod
    def key(hook: str, enabled: frozenset[str], kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
        """The part of the key shared by every plugin for this call (None: not cacheable)."""
        ctx = kwargs.get("ctx")
        if ctx is None or getattr(ctx, "args", None):
            return None
        return (hook, kwargs.get("slot"), ctx.site.code, enabled, ctx.locale, ctx.member is None)

    def split(
        self, impls: list[Any], *, visitor: bool, slot: str | None = None, never: frozenset[str] = frozenset()
    ) -> tuple[list[Any], list[Any]]:
        """(implementations whose result is cached for this viewer and slot, the others), each by slug.

        Plugins in ``never`` (sponsored ones: their context carries a segment) are always asked.
        """
        memo = (id(impls), visitor, slot)
        found = self._splits.get(memo)
        if found is None or found[0] is not impls:
            wanted = ("edition", "visitors") if visitor else ("edition",)
            cached = [i for i in impls if i.plugin_name not in never and _cacheable(i, wanted, slot)]
            dynamic = [i for i in impls if i.plugin_name in never or not _cacheable(i, wanted, slot)]
            found = self._splits[memo] = (impls, cached, dynamic)
        return found[1], found[2]

    def get(self, slug: str, key: tuple[Any, ...], default: Any) -> Any:
        return self._store.get((slug, *key), default)

    def put(self, slug: str, key: tuple[Any, ...], value: Any) -> None:
        if len(self._store) >= _MAX_ENTRIES:
            self._store.clear()
        self._store[(slug, *key)] = value
