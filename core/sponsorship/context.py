"""What sponsored plugins' hooks and templates may see: edition, language, maybe a segment.

:func:`sponsored_context` turns a page's :class:`~core.ui.PageContext` into
a :class:`~core.ui.SponsoredContext` (once per request). Templates of a
sponsored plugin, fragments and pages alike, render with
:data:`SPONSORED_KEYS` only; :data:`MEMBER_KEYS` names what the rest of a page
context holds, so the contract check can tell a template reaching for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.sponsorship.segments import segment_of
from core.ui import PageContext, SponsoredContext

if TYPE_CHECKING:
    from litestar import Request

__all__ = ["MEMBER_KEYS", "SPONSORED_KEYS", "restricted_context", "sponsored_context"]

#: Page-context names a sponsored template may use (besides its own context and Jinja globals).
SPONSORED_KEYS = ("site", "lang", "lang_tag", "formats", "url_for", "csrf_token", "csrf_input", "segment")
#: Everything else a page context holds: who is looking, their consents, their navigation…
MEMBER_KEYS = frozenset(
    {
        "request",
        "member",
        "consent",
        "is_operator",
        "enabled_plugins",
        "nav_items",
        "nav_badge",
        "badge_event",
        "live_stream",
        "flash",
        "assets",
        "demo",
        "edition_links",
        "slot",
        "sponsored_page",
    }
)


async def sponsored_context(ctx: PageContext | SponsoredContext) -> SponsoredContext:
    """The sponsored view of a render, computed once per request."""
    if isinstance(ctx, SponsoredContext):
        return ctx
    if ctx.request is None:  # start-up checks: no request, no viewer
        return SponsoredContext(site=ctx.site, locale=ctx.locale)
    state = ctx.request.scope["state"]
    cached = state.get("sponsored_ctx")
    if cached is None or cached.site is not ctx.site:
        cached = state["sponsored_ctx"] = SponsoredContext(ctx.site, ctx.locale, await segment_of(ctx))
    return cached  # type: ignore[no-any-return]


def restricted_context(base: dict[str, Any], segment: str | None) -> dict[str, Any]:
    """The part of a page context a sponsored template gets."""
    found = {key: base[key] for key in SPONSORED_KEYS if key in base}
    found["segment"] = segment
    return found


def sponsored_state(request: Request[Any, Any, Any]) -> Any:
    """The :class:`~core.sponsorship.gate.SponsoredRoute` of this request, or None."""
    return request.scope["state"].get("sponsored")
