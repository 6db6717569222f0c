"""Slot fragments: gathered from enabled plugins, rendered in isolation, sponsored ones labelled.

Core, not the plugin, decides what is sponsored: every fragment of a plugin
whose ``META.kind`` is ``sponsored`` is wrapped in a labelled
``<aside class="sponsored">`` naming ``META.sponsor``, shown only in the
sponsorable slots (:data:`core.ui.SPONSORABLE_SLOTS`) and never on the
operator console (``/admin/``) or account pages (``/me``, ``/me/…``). The
``sponsored`` class family is reserved: a fragment of any other plugin whose
markup uses it (or that sets ``Fragment.sponsored``) is refused, so nobody
can dress content up as, or down from, an advertisement.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from core.sponsorship.campaigns import live_campaigns
from core.sponsorship.context import restricted_context
from core.sponsorship.links import click_url_for
from core.ui import SPONSORABLE_SLOTS, Fragment, PageContext

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["RESERVED_CLASS", "gather", "render_fragment", "sponsor_allowed_on"]

log = logging.getLogger("entraide.render")

#: A class attribute using the reserved ``sponsored`` class family.
RESERVED_CLASS = re.compile(r"""class\s*=\s*(["']?)[^"'>]*(?<![\w-])sponsored""", re.IGNORECASE)


def sponsor_allowed_on(path: str) -> bool:
    """Sponsored content never shows on the operator console or the member's account pages."""
    return not (path.startswith("/admin") or path == "/me" or path.startswith("/me/") or path.startswith("/me."))


async def gather(
    rt: Runtime, ctx: PageContext, enabled: frozenset[str], slot: str
) -> tuple[list[tuple[str, Fragment]], bool]:
    """Fragments for ``slot`` from enabled plugins, by ``(order, slug)``.

    Sponsored plugins are asked only in sponsorable slots, on pages where
    sponsoring is allowed, and while one of their campaigns runs on the edition.

    Returns:
        The fragments, and whether they all came from the edition cache (never
        where a sponsored plugin is enabled: campaigns start and end by the
        day, segments differ per viewer).
    """
    found: list[tuple[str, Fragment]] = []
    cacheable = not (rt.sponsored & enabled)
    if not cacheable:
        sponsor_ok = slot in SPONSORABLE_SLOTS and sponsor_allowed_on(ctx.request.scope["path"])
        live = await live_campaigns(ctx.request) if sponsor_ok else {}
        enabled = frozenset(s for s in enabled if s not in rt.sponsored or s in live)
    results, cached = await rt.call_cached("provide_fragments", enabled, slot=slot, ctx=ctx)
    for slug, fragments in results:
        found.extend((slug, f) for f in fragments)
    return sorted(found, key=lambda pair: (pair[1].order, pair[0])), cached and cacheable


def _refuse(rt: Runtime, slug: str, why: str) -> str:
    log.error("fragment of plugin %s refused: %s", slug, why)
    rt.degraded[slug] = f"fragment refused: {why}"
    return ""


def render_fragment(
    rt: Runtime,
    env: Any,
    slug: str,
    fragment: Fragment,
    base: dict[str, Any],
    label: str,
    slot: str = "",
    shown: list[int] | None = None,
) -> str:
    """HTML of one fragment, wrapped; "" when it fails or breaks the sponsored-label rule.

    A sponsored fragment renders in the sandboxed environment with the
    restricted context (plus ``click_url(path)``, the counting redirect);
    its campaign id is appended to ``shown``, and the page counts one
    impression only if the template really shows ``slot``.
    """
    sponsored = slug in rt.sponsored
    if fragment.sponsored and not sponsored:
        return _refuse(rt, slug, "only plugins of kind 'sponsored' may show sponsored content")
    context = base
    if sponsored:
        request = base["request"]
        campaign = request.scope["state"].get("live_campaigns", {}).get(slug)
        if campaign is None:
            return ""
        cached = request.scope["state"].get("sponsored_ctx")
        context = restricted_context(base, cached.segment if cached else None)
        context["click_url"] = click_url_for(campaign, slot, slug)
        env = rt.templates.sponsored_env(env.globals["theme"], base["lang"])
    try:
        if fragment.template:
            html = env.get_template(fragment.template).render({**context, **fragment.context})
        else:
            html = str(fragment.html or "")
    except Exception as exc:
        log.exception("fragment of plugin %s failed to render", slug)
        rt.degraded[slug] = f"fragment: {exc.__class__.__name__}: {exc}"
        return ""
    if not sponsored:
        if RESERVED_CLASS.search(html):
            return _refuse(rt, slug, "the 'sponsored' CSS class is reserved for core's sponsored label")
        return f'<div class="fragment" data-plugin="{slug}">{html}</div>'
    if shown is not None:
        shown.append(campaign)
    sponsor = escape(rt.registry.metas[slug].sponsor or "")
    text = escape(label)
    return (
        f'<aside class="sponsored" data-plugin="{slug}" aria-label="{text} · {sponsor}">'
        f'<p class="sponsored-label">{text} · {sponsor}</p>{html}</aside>'
    )
