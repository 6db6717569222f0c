"""A page's chrome: navigation, stylesheets and plugins' template variables.

Every page asks each enabled plugin for these, so they are assembled once
per edition, language, enabled plugins and sign-in and kept in the
runtime's hook cache; only what differs per member (badges) or per
sponsored campaign is asked and merged in on each request.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from core.sponsorship.context import sponsored_context
from core.ui import Asset, NavItem, PageContext

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["page_chrome"]

log = logging.getLogger("entraide.render")


async def page_chrome(
    rt: Runtime, ctx: PageContext, enabled: frozenset[str]
) -> tuple[dict[str, Any], tuple[Any, ...] | None]:
    """Navigation, assets and plugins' template variables of a page.

    When every plugin's answer came from the edition cache (visitors, usually),
    the assembled result is cached too: one look-up per page, whatever the
    number of plugins. For members, what every member gets (most navigation,
    assets, template variables) is kept assembled the same way and only the
    per-member navigation items (badges) are asked and merged in. Sponsored
    plugins (stylesheets only) are added for each request.

    Returns:
        The chrome, and the key it is kept under (None when it was assembled
        for this request), so what is built from it may be kept too.
    """
    plain, sponsored = rt.split_sponsored(enabled)
    key = ("chrome", ctx.site.code, plain, ctx.locale, ctx.member is None)
    merged_key = None
    if sponsored:  # a kept merge is only made from the kept chrome: when found, one look-up is enough
        seen = await sponsored_context(ctx)
        merged_key = ("chrome-sponsored", *key, sponsored, seen.segment)
        merged: dict[str, Any] | None = rt.hook_cache.get("*", merged_key, None)
        if merged is not None:
            return merged, merged_key
    chrome: dict[str, Any] | None = rt.hook_cache.get("*", key, None)
    kept = chrome is not None
    if chrome is None:
        chrome = await _assemble_chrome(rt, ctx, plain, key)
    if merged_key is None:
        return chrome, key if kept else None
    extra, answer_kept = await rt.sponsored_answers("provide_assets", sponsored, {}, ctx=ctx)
    if extra:
        both = sorted([*chrome["assets"], *((slug, a) for slug, items in extra for a in items)], key=itemgetter(0))
        chrome = {**chrome, **_assets(both)}
    if kept and answer_kept:  # the edition's kept chrome and the kept answer: keep the merge too
        rt.hook_cache.put("*", merged_key, chrome)
        return chrome, merged_key
    return chrome, None


def _assets(assets: list[tuple[str, Asset]]) -> dict[str, Any]:
    """``assets`` and ``asset_scopes``, the path prefixes some of them are limited to (``Asset.under``)."""
    return {"assets": assets, "asset_scopes": tuple(sorted({a.under for _, a in assets if a.under is not None}))}


def _nav_order(item: NavItem) -> tuple[int, str, str]:
    return item.order, item.name, item.href


async def _assemble_chrome(
    rt: Runtime, ctx: PageContext, enabled: frozenset[str], key: tuple[Any, ...]
) -> dict[str, Any]:
    kept, asked, nav_complete, nav_live = await rt.call_parts("provide_nav_items", enabled, ctx=ctx)
    frame_key = ("chrome-frame", *key[1:])
    frame: dict[str, Any] | None = rt.hook_cache.get("*", frame_key, None)
    if frame is None:
        assets, assets_cached = await rt.call_cached("provide_assets", enabled, ctx=ctx)
        extras, extra_cached = await rt.call_cached("provide_template_context", enabled, ctx=ctx)
        frame = {
            "nav_items": sorted(_nav_of(ctx, kept), key=_nav_order),
            **_assets([(slug, a) for slug, items in assets for a in items]),
            "extra": _plugin_context(rt, extras),
        }
        if nav_complete and assets_cached and extra_cached:
            rt.hook_cache.put("*", frame_key, frame)
            if not nav_live:  # nothing asked per request: the frame is the whole chrome
                chrome = {**frame, "live_stream": False if ctx.member is None else _has_badge(frame["nav_items"])}
                rt.hook_cache.put("*", key, chrome)
                return chrome
    nav = frame["nav_items"]
    if asked:
        nav = sorted([*nav, *_nav_of(ctx, asked)], key=_nav_order)
    return {**frame, "nav_items": nav, "live_stream": ctx.member is not None and _has_badge(nav)}


def _nav_of(ctx: PageContext, results: list[tuple[str, list[NavItem]]]) -> list[NavItem]:
    """Plugins' navigation items, named, without members' items for visitors."""
    return [_named(slug, i) for slug, items in results for i in items if ctx.member or not i.members_only]


def _has_badge(nav: list[NavItem]) -> bool:
    return any(i.badge is not None for i in nav)


def _named(slug: str, item: NavItem) -> NavItem:
    """An item without a ``name`` gets ``<slug>.<path>`` so ordering and themes can rely on one."""
    if item.name:
        return item
    path = item.href.split("?")[0].strip("/").replace("/", ".")
    return replace(item, name=f"{slug}.{path.removeprefix(slug + '.') or 'index'}" if path != slug else f"{slug}.index")


def _plugin_context(rt: Runtime, provided: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge plugins' template variables; each key must start with its plugin's slug.

    A plugin breaking the rule is logged, marked degraded and its variables
    dropped (the page renders; its templates then fail loudly on the name).
    """
    extra: dict[str, Any] = {}
    for slug, values in provided:
        wrong = sorted(k for k in values if not (k == slug or k.startswith(f"{slug}_")))
        if wrong:
            message = f"template context keys {wrong} must start with '{slug}_'"
            log.error("plugin %s: %s", slug, message)
            rt.degraded[slug] = f"provide_template_context: {message}"
            continue
        extra.update(values)
    return extra
