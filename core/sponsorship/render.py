"""Sponsored pages: the plugin's blocks rendered blind, core's layout around them.

The plugin's template (``{% extends "base.html" %}`` with ``title`` and
``content`` blocks, as the ``sponsored`` template kind generates) renders in
the sandboxed environment with the restricted context only
(:data:`core.sponsorship.context.SPONSORED_KEYS` plus the handler's own
variables). Core then lays the result out in ``core/pages/sponsored.html``
with the viewer's own header and navigation, labels it with the sponsor's
name, offers the programme when the plugin has one, and counts one page view.
A template without a ``content`` block (an HTMX partial) is returned as is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from litestar import Response
from litestar.enums import MediaType
from markupsafe import Markup

from core.sponsorship.context import restricted_context, sponsored_context
from core.sponsorship.programmes import programme_box
from core.sponsorship.tally import PAGE_SLOT
from core.templating import SPONSORED_SEPARATOR

if TYPE_CHECKING:
    from litestar import Request

__all__ = ["render_sponsored", "visible_member"]


@contextmanager
def visible_member(request: Request[Any, Any, Any]) -> Iterator[None]:
    """Put the hidden viewer and cookies back for core's own rendering, then hide them again."""
    from core.sponsorship.gate import show_cookies

    state = request.scope["state"]
    route = state["sponsored"]
    show_cookies(request, visible=True)
    state["member"], state["consent"] = route.member, route.consent
    if route.consent is None:
        state.pop("consent", None)
    try:
        yield
    finally:
        from core.consent import ConsentState

        state["member"], state["consent"] = None, ConsentState.empty()
        state.pop("member_view", None)
        show_cookies(request, visible=False)


async def render_sponsored(
    request: Request[Any, Any, Any],
    template: str,
    context: dict[str, Any],
    *,
    status: int,
    headers: dict[str, str] | None,
) -> Response[str]:
    """Render a sponsored plugin's page (see the module docstring)."""
    from core.render import base_context, page_context, render

    rt = request.app.state.entraide
    state = request.scope["state"]
    route = state["sponsored"]
    site = state["site"]
    locale = state.get("locale") or site.locale
    with visible_member(request):
        ctx = await page_context(request)
        segment = (await sponsored_context(ctx)).segment
        base = await base_context(request, ctx)
    env = rt.templates.sponsored_env(site.theme, locale)
    html = env.get_template(template).render({**restricted_context(base, segment), **context})
    if SPONSORED_SEPARATOR not in html:  # a partial: no layout
        return Response(html, media_type=MediaType.HTML, status_code=status, headers=headers)
    title, _, body = html.partition(SPONSORED_SEPARATOR)
    rt.tally.add(route.campaign_id, site.today(), PAGE_SLOT, "impressions")
    meta = rt.registry.metas[route.plugin]
    page = {
        "title": title.strip() or meta.name,
        "body": Markup(body),  # noqa: S704 - autoescaped output of the sandboxed template
        "sponsor": meta.sponsor,
        "plugin": route.plugin,
        "programme": await programme_box(request, route.plugin, route.member),
    }
    with visible_member(request):
        return await render(
            request, "core/pages/sponsored.html", {"sponsored_page": page}, status=status, headers=headers
        )
