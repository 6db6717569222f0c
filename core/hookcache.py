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
member's badge is counted on each request). Results are shared between
requests: return new objects, never mutate them. Renders that pass slot
arguments (``ctx.args``) are never cached. Enabling or disabling a plugin
changes the key, so nothing stale survives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

__all__ = ["CACHE_ATTR", "HookResultCache", "edition_cached"]

F = TypeVar("F", bound=Callable[..., Any])
CACHE_ATTR = "entraide_edition_cached"
_MAX_ENTRIES = 4096


@overload
def edition_cached(fn: F) -> F: ...


@overload
def edition_cached(*, visitors_only: bool = False) -> Callable[[F], F]: ...


def edition_cached(fn: Any = None, *, visitors_only: bool = False) -> Any:
    """Declare that a page hook's result depends only on edition, enabled plugins, language and sign-in."""

    def mark(func: F) -> F:
        setattr(func, CACHE_ATTR, "visitors" if visitors_only else "edition")
        return func

    return mark(fn) if fn is not None else mark


class HookResultCache:
    """Per-worker store of cacheable hook results (bounded; cleared when full)."""

    def __init__(self) -> None:
        self._store: dict[tuple[Any, ...], Any] = {}
        self._splits: dict[tuple[int, bool], tuple[list[Any], list[Any], list[Any]]] = {}

    @staticmethod
    def key(hook: str, enabled: frozenset[str], kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
        """The part of the key shared by every plugin for this call (None: not cacheable)."""
        ctx = kwargs.get("ctx")
        if ctx is None or getattr(ctx, "args", None):
            return None
        return (hook, kwargs.get("slot"), ctx.site.code, enabled, ctx.locale, ctx.member is None)

    def split(self, impls: list[Any], *, visitor: bool) -> tuple[list[Any], list[Any]]:
        """(implementations whose result is cached for this viewer, the others), each by slug."""
        memo = (id(impls), visitor)
        found = self._splits.get(memo)
        if found is None or found[0] is not impls:
            wanted = ("edition", "visitors") if visitor else ("edition",)
            cached = [i for i in impls if getattr(i.function, CACHE_ATTR, None) in wanted]
            dynamic = [i for i in impls if getattr(i.function, CACHE_ATTR, None) not in wanted]
            found = self._splits[memo] = (impls, cached, dynamic)
        return found[1], found[2]

    def get(self, slug: str, key: tuple[Any, ...], default: Any) -> Any:
        return self._store.get((slug, *key), default)

    def put(self, slug: str, key: tuple[Any, ...], value: Any) -> None:
        if len(self._store) >= _MAX_ENTRIES:
            self._store.clear()
        self._store[(slug, *key)] = value
