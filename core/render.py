"""Rendering pages: gather async data, then render the site's Jinja template.

Litestar renders templates synchronously, so everything a template may need
that comes from plugins or the database (slot fragments, navigation,
consent state) is collected first, per request, then the template is
rendered in the site's environment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from litestar import Response
from litestar.enums import MediaType
from litestar.types import Empty
from litestar.utils.scope.state import ScopeState
from markupsafe import Markup, escape

from core import builtin
from core.chrome import page_chrome
from core.consent import ConsentState, current_state
from core.formatting import Formats, formats, language_tag
from core.fragments import SlotTally, render_fragment, slot_plan, sponsor_allowed_on, with_sponsored
from core.i18n import load_translations
from core.members import MemberView, viewer
from core.middleware import LANG_COOKIE, cookies_of, runtime_of
from core.sponsorship.campaigns import live_campaigns_memo, restore_live_campaigns
from core.ui import Fragment, PageContext, badge_event, badge_html

if TYPE_CHECKING:
    from babel.support import Translations
    from litestar import Request

    from core.runtime import Runtime
    from core.sites import Site, SiteMap
    from core.tables import Member

__all__ = [
    "FLASH_COOKIE",
    "consent_of",
    "flash",
    "formats_for",
    "gettext_for",
    "locale_of",
    "page_context",
    "render",
    "render_sync",
]

log = logging.getLogger("entraide.render")
FLASH_COOKIE = "entraide_flash"


@lru_cache(maxsize=1024)
def csrf_field(token: str) -> Markup:
    """The hidden CSRF input of every form (the token is escaped)."""
    return Markup(f'<input type="hidden" name="_csrf_token" value="{escape(token)}">')  # noqa: S704 - escaped


def runtime(request: Request[Any, Any, Any]) -> Runtime:
    return runtime_of(request.scope)


def locale_of(request: Request[Any, Any, Any]) -> str:
    """The page language: the viewer's choice among the edition's languages, else its default."""
    state = request.scope["state"]
    return str(state.get("locale") or state["site"].locale)


def gettext_for(request: Request[Any, Any, Any]) -> Translations:
    """Translations for the request's edition language."""
    return load_translations(locale_of(request), runtime(request).templates.locale_dirs)


def formats_for(request: Request[Any, Any, Any]) -> Formats:
    """Numbers, dates, units and durations in the page's locale (edition country + language)."""
    return formats(request.scope["state"]["site"], locale_of(request))


async def consent_of(request: Request[Any, Any, Any]) -> ConsentState:
    """The viewer's consent state, loaded once per request."""
    state = request.scope["state"]
    if "consent" not in state:
        member: Member | None = state.get("member")
        state["consent"] = await current_state(member.id) if member else ConsentState.empty()
    return state["consent"]  # type: ignore[no-any-return]


async def page_context(request: Request[Any, Any, Any]) -> PageContext:
    """The :class:`PageContext` site hooks receive, for this request."""
    state = request.scope["state"]
    return PageContext(
        request=request,
        site=state["site"],
        member=viewer(request),
        consent=await consent_of(request),
        locale=state.get("locale") or state["site"].locale,
    )


def _edition_context(rt: Runtime, site: Site, locale: str) -> dict[str, Any]:
    """What every page of an edition in a language shares, built once per worker."""
    key = ("edition-context", site.code, locale)
    found: dict[str, Any] | None = rt.hook_cache.get("*", key, None)
    if found is None:
        translations = load_translations(locale, rt.templates.locale_dirs)
        found = {
            "site": site,
            "lang": locale,
            "demo": rt.settings.demo,
            "edition_links": _links_for(rt.sites),
            "formats": formats(site, locale),
            "lang_tag": language_tag(site, locale),
            "badge_event": badge_event,
            "nav_badge": lambda count: Markup(badge_html(count, translations)),  # noqa: S704 - escaped numbers and catalog text
        }
        rt.hook_cache.put("*", key, found)
    return found


def _viewer_context(rt: Runtime, request: Request[Any, Any, Any], member: MemberView | None) -> dict[str, Any]:
    """What differs per request: the request, the viewer and the CSRF token of its forms."""
    csrf = ScopeState.from_scope(request.scope).csrf_token
    csrf_token = "" if csrf is Empty or csrf is None else str(csrf)
    return {
        "request": request,
        "member": member,
        "is_operator": rt.role_allowed(member, "core.admin"),
        "csrf_token": csrf_token,
        "csrf_input": csrf_field(csrf_token),
        "flash": None,
    }


def _common_context(
    rt: Runtime, request: Request[Any, Any, Any], site: Site, locale: str, member: MemberView | None
) -> dict[str, Any]:
    """What every page needs, hooks or not (full pages and error pages alike)."""
    return {
        **_edition_context(rt, site, locale),
        **_viewer_context(rt, request, member),
        "nav_items": [],
        "assets": [],
        "live_stream": False,
    }


def render_sync(
    request: Request[Any, Any, Any], template: str, context: dict[str, Any], *, status: int
) -> Response[str]:
    """Render without plugin hooks or database access (error pages).

    Litestar exception handlers are synchronous and may run before the
    request pipeline filled ``request.state`` (unknown routes), so this uses
    only what can be known synchronously: the edition the gate found for the
    Host header and the viewer if already loaded. Slots render empty.
    """
    rt = runtime(request)
    state = request.scope.setdefault("state", {})
    site: Site = state.get("site") or rt.sites.default  # the edition gate (core.gate) set it from Host
    chosen = request.cookies.get(LANG_COOKIE)
    locale = state.get("locale") or (chosen if chosen in site.languages else site.locale)
    env = rt.templates.env(site.theme, locale)
    member = viewer(request)
    base = _common_context(rt, request, site, locale, member)
    base["slot"] = lambda name: Markup("")
    # Core's own navigation (log in, account) still shows; plugins' hooks are not called here.
    base["nav_items"] = builtin.provide_nav_items(PageContext(request, site, member, ConsentState.empty(), locale))
    html = env.get_template(template).render({**base, **context})
    return Response(html, media_type=MediaType.HTML, status_code=status)


async def base_context(request: Request[Any, Any, Any], ctx: PageContext) -> dict[str, Any]:
    """A page's context before its own variables: the page frame, then the viewer's part."""
    rt = runtime(request)
    state = request.scope["state"]
    enabled: frozenset[str] = state["enabled"]
    chrome, chrome_key = await page_chrome(rt, ctx, enabled)
    # Routing drops a trailing slash from scope["path"]: "/classifieds" is under "/classifieds/".
    path = request.scope["path"].rstrip("/") + "/"
    scopes = frozenset(under for under in chrome["asset_scopes"] if path.startswith(under))
    key = None if chrome_key is None else ("page-frame", chrome_key, scopes)
    frame: dict[str, Any] | None = None if key is None else rt.hook_cache.get("*", key, None)
    if frame is None:
        frame = {
            **chrome["extra"],
            **_edition_context(rt, ctx.site, ctx.locale),
            "enabled_plugins": enabled,
            "nav_items": chrome["nav_items"],
            "live_stream": chrome["live_stream"],
            "assets": [(slug, a) for slug, a in chrome["assets"] if a.under is None or a.under in scopes],
            "url_for": request.app.route_reverse,
        }
        if key is not None:
            rt.hook_cache.put("*", key, frame)
    flash_raw = request.cookies.get(FLASH_COOKIE) if FLASH_COOKIE in cookies_of(request.scope) else None
    return {
        **frame,
        **_viewer_context(rt, request, ctx.member),
        "consent": ctx.consent,
        "flash": unquote(flash_raw)[:300] if flash_raw else None,
    }


@lru_cache(maxsize=64)
def _links_for(sites: SiteMap) -> list[tuple[str, str, str]]:
    """Links to every edition, from their configured base URLs (never from the request).

    ``(code, url, hreflang)`` per edition; hreflang is a real tag such as ``fr-BE``.
    """
    return [(site.code, site.url("/"), language_tag(site)) for site in sites]


async def render(
    request: Request[Any, Any, Any],
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    slot_args: dict[str, Any] | None = None,
) -> Response[str]:
    """Render ``template`` for this request's site, with slots filled.

    Args:
        request: The current request.
        template: Template name, e.g. "healthbox/pages/dashboard.html".
        context: Page variables.
        status: HTTP status (re-rendered forms with errors use 400).
        headers: Extra response headers.
        slot_args: What the page's slots are about (``PageContext.args`` in
            ``provide_fragments``), e.g. ``{"member_id": 12}`` on a profile.
    """
    rt = runtime(request)
    state = request.scope["state"]
    if state.get("sponsored") is not None and not template.startswith("core/"):
        from core.sponsorship.render import render_sponsored

        return await render_sponsored(request, template, context or {}, status=status, headers=headers)
    site: Site = state["site"]
    locale = state.get("locale") or site.locale
    env = rt.templates.env(site.theme, locale)
    ctx = await page_context(request)
    if slot_args:
        ctx = replace(ctx, args=dict(slot_args))
    base = await base_context(request, ctx)
    enabled: frozenset[str] = state["enabled"]
    plan, plan_key = await _slot_fragments(rt, ctx, enabled, env, template)
    slot = _slot_reader(rt, request, env, base, dict(plan), None if rt.templates.auto_reload else plan_key)
    html = rt.templates.template(env, template).render({**base, "slot": slot, **(context or {})})
    response: Response[str] = Response(html, media_type=MediaType.HTML, status_code=status, headers=headers)
    if base["flash"] is not None:
        response.delete_cookie(FLASH_COOKIE)
    if rt.tally.due():
        await rt.tally.flush()
    return response


def _slot_reader(
    rt: Runtime,
    request: Request[Any, Any, Any],
    env: Any,
    base: dict[str, Any],
    plan: dict[str, list[tuple[str, Fragment]]],
    plan_key: tuple[Any, ...] | None,
) -> Callable[[str], Markup]:
    """``slot(name)`` for templates: the slot's HTML, rendered on its first call.

    A slot the page does not show (the members' column, for a visitor) is
    never rendered; the first call counts the slot's sponsored impressions.
    When the plan is a kept one (``plan_key``) and every piece of a slot read
    only what is the same for the whole edition in this language, the slot's
    HTML is kept with it (templates that reload in debug never are): one
    look-up per page finds the plan's kept slots.
    """
    rendered: dict[str, Markup] = {}
    site: Site = base["site"]
    kept_slots: dict[str, tuple[Markup, list[int]]] | None = None  # the plan's, looked up on the first call

    def slot(name: str) -> Markup:
        nonlocal kept_slots
        found = rendered.get(name)
        if found is not None:
            return found
        if kept_slots is None and plan_key is not None:
            key = ("slot-html", plan_key)
            kept_slots = rt.hook_cache.get("*", key, None)
            if kept_slots is None:
                kept_slots = {}
                rt.hook_cache.put("*", key, kept_slots)
        kept = None if kept_slots is None else kept_slots.get(name)
        if kept is None:
            fragments = plan.get(name, ())
            label = ""
            if any(s in rt.sponsored for s, _ in fragments):
                label = gettext_for(request).gettext("Sponsored")
            tally = SlotTally()
            pieces = [render_fragment(rt, env, s, f, base, label, name, tally) for s, f in fragments]
            tally.per_request = tally.per_request or not all(pieces)
            kept = Markup("".join(pieces)), tally.campaigns  # noqa: S704 - each piece is autoescaped template output
            if kept_slots is not None and not tally.per_request:
                kept_slots[name] = kept
        found = rendered[name] = kept[0]
        for campaign in kept[1]:
            rt.tally.add(campaign, site.today(), name, "impressions")
        return found

    return slot


async def _slot_fragments(
    rt: Runtime, ctx: PageContext, enabled: frozenset[str], env: Any, template: str
) -> tuple[list[tuple[str, list[tuple[str, Fragment]]]], tuple[Any, ...] | None]:
    """Fragments of every slot the template shows (:func:`core.fragments.slot_plan`), and the plan's kept key.

    Sponsored plugins' fragments are then added for this request (kept merged
    when the plan is the kept one). A visitor's plan that no plugin answers
    per request is the same for every visitor of the template on the edition
    in the language until the day or the enablement counter (every campaign
    change moves it) changes: it is then found in one look-up, with today's
    campaigns that sponsored fragments render with.
    """
    request = ctx.request
    visitor_key = None
    if ctx.member is None and not ctx.args and rt.enablement.seen_version is not None:
        allowed = sponsor_allowed_on(request.scope["path"])
        day, version = ctx.site.today(), rt.enablement.seen_version
        visitor_key = ("visitor-plan", template, ctx.site.code, ctx.locale, enabled, allowed, day, version)
        found = rt.hook_cache.get("*", visitor_key, None)
        if found is not None:
            plan, plan_key, campaigns = found
            if campaigns is not None:
                restore_live_campaigns(request, campaigns)
            return plan, plan_key
    slots = rt.templates.slots_of(env, ctx.site.theme, ctx.locale, template)
    plain = rt.split_sponsored(enabled)[0]
    key = ("slots", template, ctx.site.code, plain, ctx.locale, ctx.member is None)
    plan, kept, live = await slot_plan(rt, ctx, plain, slots, key)
    plan, plan_key = await with_sponsored(rt, ctx, enabled, plan, key if kept else None)
    if visitor_key is not None and plan_key is not None and not live:
        campaigns = live_campaigns_memo(request)  # sponsored fragments render with today's campaigns
        if campaigns is not None and campaigns[1] is None:  # not kept: nor is the plan built on them
            return plan, plan_key
        rt.hook_cache.put("*", visitor_key, (plan, plan_key, campaigns))
    return plan, plan_key


def flash(response: Response[Any], message: str) -> Response[Any]:
    """Attach a one-time message shown on the next page."""
    response.set_cookie(FLASH_COOKIE, quote(message[:300]), max_age=60, httponly=True, samesite="lax")
    return response
