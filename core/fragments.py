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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from core.fragment_cache import cache_key
from core.sponsorship.campaigns import live_campaigns, live_campaigns_key
from core.sponsorship.context import restricted_context, sponsored_context
from core.sponsorship.links import click_url_for
from core.ui import SPONSORABLE_SLOTS, Fragment, PageContext

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["RESERVED_CLASS", "SlotTally", "render_fragment", "slot_plan", "sponsor_allowed_on", "with_sponsored"]

log = logging.getLogger("entraide.render")

#: A class attribute using the reserved ``sponsored`` class family.
RESERVED_CLASS = re.compile(r"""class\s*=\s*(["']?)[^"'>]*(?<![\w-])sponsored""", re.IGNORECASE)


def sponsor_allowed_on(path: str) -> bool:
    """Sponsored content never shows on the operator console or the member's account pages."""
    return not (path.startswith("/admin") or path == "/me" or path.startswith("/me/") or path.startswith("/me."))


async def slot_plan(
    rt: Runtime, ctx: PageContext, plain: frozenset[str], slots: frozenset[str], key: tuple[Any, ...]
) -> tuple[list[tuple[str, list[tuple[str, Fragment]]]], bool, bool]:
    """Fragments of plugins other than sponsored ones for each slot a page shows (slot → fragments).

    What comes from the edition cache is kept assembled under ``key`` with
    the names of the slots that have per-request implementations (a
    member's cards, live counts); only those are asked again, and their
    answers merged in. A visitor's page is then one look-up; a member's
    page asks only the per-member hooks of its slots.

    Returns:
        The plan; whether it is the kept one (nothing was added for this
        request), so what is built from it may be kept too; and whether some
        slot is asked on every page (then no later page's plan is this one).
    """
    frame: tuple[list[tuple[str, list[tuple[str, Fragment]]]], frozenset[str]] | None = (
        None if ctx.args else rt.hook_cache.get("*", key, None)
    )
    fresh: dict[str, list[tuple[str, Fragment]]] = {}
    kept_frame = frame is not None
    if frame is None:
        kept_plan, live, complete = [], set(), True
        for name in sorted(slots):
            kept, asked, done, is_live = await rt.call_parts("provide_fragments", plain, slot=name, ctx=ctx)
            kept_plan.append((name, sorted(_flat(kept), key=_order)))
            complete = complete and done
            if is_live:
                live.add(name)
                fresh[name] = _flat(asked)
        frame = (kept_plan, frozenset(live))
        if complete and not ctx.args:
            rt.hook_cache.put("*", key, frame)
            kept_frame = True
    else:
        for name in frame[1]:
            fresh[name] = _flat((await rt.call_parts("provide_fragments", plain, slot=name, ctx=ctx))[1])
    if not any(fresh.values()):
        return frame[0], kept_frame, bool(frame[1])
    merged = [
        (name, sorted([*found, *fresh[name]], key=_order) if fresh.get(name) else found) for name, found in frame[0]
    ]
    return merged, False, True


def _flat(results: list[tuple[str, list[Fragment]]]) -> list[tuple[str, Fragment]]:
    return [(slug, f) for slug, fragments in results for f in fragments]


async def with_sponsored(
    rt: Runtime,
    ctx: PageContext,
    enabled: frozenset[str],
    plan: list[tuple[str, list[tuple[str, Fragment]]]],
    plan_key: tuple[Any, ...] | None = None,
) -> tuple[list[tuple[str, list[tuple[str, Fragment]]]], tuple[Any, ...] | None]:
    """``plan`` (slot → fragments) with the fragments of sponsored plugins added, for this request.

    Sponsored plugins are asked only in sponsorable slots, on pages where
    sponsoring is allowed, and while one of their campaigns runs on the
    edition; their answer is cached only as :meth:`Runtime.sponsored_answers` says.
    When it is, and ``plan_key`` says the plan itself is the edition's kept
    one, the merged plan is kept too, per running campaigns and segment: the
    same look-ups and sorting are not redone on every visitor's page.

    Returns:
        The plan, and the key it is kept under (None when it was built for
        this request only), so what is rendered from it may be kept too.
    """
    sponsored = rt.split_sponsored(enabled)[1]
    if not sponsored or not sponsor_allowed_on(ctx.request.scope["path"]):
        return plan, plan_key
    if not any(slot in SPONSORABLE_SLOTS for slot, _ in plan):
        return plan, plan_key
    live = await live_campaigns(ctx.request)  # campaigns of the request's enabled sponsored plugins
    if not live:
        return plan, plan_key
    merged_key = None
    if plan_key is not None:
        seen = await sponsored_context(ctx)
        campaigns = live_campaigns_key(ctx.request) or tuple(sorted(live.items()))
        merged_key = ("sponsored-plan", plan_key, campaigns, seen.segment)
        found: list[tuple[str, list[tuple[str, Fragment]]]] | None = rt.hook_cache.get("*", merged_key, None)
        if found is not None:
            return found, merged_key
    running = frozenset(s for s in sponsored if s in live)
    if not running:
        return plan, plan_key
    merged, kept = [], True
    for slot, fragments in plan:
        if slot in SPONSORABLE_SLOTS:
            results, answer_kept = await rt.sponsored_answers("provide_fragments", running, live, slot=slot, ctx=ctx)
            kept = kept and answer_kept
            extra = [(slug, f) for slug, items in results for f in items]
            if extra:
                fragments = sorted([*fragments, *extra], key=_order)
        merged.append((slot, fragments))
    if merged_key is not None and kept:
        rt.hook_cache.put("*", merged_key, merged)
        return merged, merged_key
    return merged, None


def _order(pair: tuple[str, Fragment]) -> tuple[int, str]:
    return pair[1].order, pair[0]


@dataclass
class SlotTally:
    """What rendering one slot's fragments showed, beyond their HTML."""

    #: Sponsored campaigns shown: the page counts one impression each.
    campaigns: list[int] = field(default_factory=list)
    #: Whether some piece was rendered for this request only (it read the viewer, or failed: a
    #: refused or failed fragment renders as "" and is not kept, so the next page tries again).
    per_request: bool = False


def _refuse(rt: Runtime, slug: str, why: str) -> str:
    log.error("fragment of plugin %s refused: %s", slug, why)
    rt.degraded[slug] = f"fragment refused: {why}"
    return ""


def _render(
    rt: Runtime,
    env: Any,
    slug: str,
    fragment: Fragment,
    base: dict[str, Any],
    aim: tuple[Any, ...] | None,
    tally: SlotTally | None,
) -> str:
    """A fragment's template output, from the cache when it reads nothing personal (core.fragment_cache).

    ``aim`` is ``(segment, campaign, slot)`` for a sponsored fragment: it then
    renders with the restricted context and its counting link.
    """
    template = env.get_template(fragment.template)
    key = cache_key(env, template, slug, fragment.context, base["site"].code, aim)
    if key is None and tally is not None:
        tally.per_request = True
    found: str | None = rt.hook_cache.get("*", key, None) if key is not None else None
    if found is not None:
        return found
    context = base
    if aim is not None:
        segment, campaign, slot = aim
        context = restricted_context(base, segment)
        context["click_url"] = click_url_for(campaign, slot, slug)
    html = template.render({**context, **fragment.context})
    if key is not None:
        rt.hook_cache.put("*", key, html)
    return html


def render_fragment(
    rt: Runtime,
    env: Any,
    slug: str,
    fragment: Fragment,
    base: dict[str, Any],
    label: str,
    slot: str = "",
    tally: SlotTally | None = None,
) -> str:
    """HTML of one fragment, wrapped; "" when it fails or breaks the sponsored-label rule.

    A sponsored fragment renders in the sandboxed environment with the
    restricted context (plus ``click_url(path)``, the counting redirect);
    its campaign id is added to ``tally``, and the page counts one
    impression only if the template really shows ``slot``.
    """
    sponsored = slug in rt.sponsored
    if fragment.sponsored and not sponsored:
        return _refuse(rt, slug, "only plugins of kind 'sponsored' may show sponsored content")
    campaign, segment = None, None
    if sponsored:
        state = base["request"].scope["state"]
        campaign = state.get("live_campaigns", {}).get(slug)
        if campaign is None:
            return ""
        cached = state.get("sponsored_ctx")
        segment = cached.segment if cached else None
        env = rt.templates.sponsored_env(env.globals["theme"], base["lang"])
    try:
        if fragment.template:
            aim = (segment, campaign, slot) if sponsored else None
            html = _render(rt, env, slug, fragment, base, aim, tally)
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
    if tally is not None:
        tally.campaigns.append(campaign)  # type: ignore[arg-type]
    sponsor = escape(rt.registry.metas[slug].sponsor or "")
    text = escape(label)
    return (
        f'<aside class="sponsored" data-plugin="{slug}" aria-label="{text} · {sponsor}">'
        f'<p class="sponsored-label">{text} · {sponsor}</p>{html}</aside>'
    )
