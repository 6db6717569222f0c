"""The route gate of sponsored plugins: a running campaign, reserved content, no viewer.

Called by :func:`core.guards.opt_guard` for every route of a plugin of kind
``sponsored``, after the enabled check. Outside a campaign the route does
not exist (404). Inside, the handler runs without a viewer: the member row,
its view and its consent state are moved aside, so ``core.api.viewer``
answers None and ``current_member`` asks to log in; only core's own layout
(:mod:`core.sponsorship.render`) sees them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from litestar.exceptions import HTTPException
from litestar.types import Empty
from litestar.utils.scope.state import ScopeState

from core.consent import ConsentState
from core.error_pages import FeatureNotOffered
from core.sponsorship.campaigns import live_campaigns

if TYPE_CHECKING:
    from litestar.connection import ASGIConnection

__all__ = ["RESERVED", "ReservedContent", "SponsoredRoute", "show_cookies", "sponsored_gate"]

#: Permission of reserved sponsored content (obj: ``"<edition>:<plugin>"``), answered through resolve_permission.
RESERVED = "core.sponsored_reserved"


@dataclass(frozen=True)
class SponsoredRoute:
    """This request runs a sponsored plugin's handler (kept in ``scope["state"]["sponsored"]``)."""

    plugin: str
    campaign_id: int
    member: Any  # the viewer's core row, for core's layout only
    consent: ConsentState | None
    headers: list[tuple[bytes, bytes]]  # the request's headers with its cookies, for core's layout only


def show_cookies(connection: ASGIConnection[Any, Any, Any, Any], visible: bool) -> None:
    """Give the request its cookies back (core's layout: flash, session) or take them away (the plugin)."""
    route: SponsoredRoute = connection.scope["state"]["sponsored"]
    headers = route.headers if visible else [(k, v) for k, v in route.headers if k.lower() != b"cookie"]
    connection.scope["headers"] = headers
    cached = ScopeState.from_scope(connection.scope)
    cached.headers = cached.cookies = Empty
    connection._cookies = Empty


class ReservedContent(HTTPException):
    """Reserved sponsored content and the viewer has not joined the sponsor's programme."""

    status_code = 403

    def __init__(self, plugin: str) -> None:
        super().__init__(detail="This content is reserved for members of the partner's programme.")
        self.reserved_plugin = plugin


async def sponsored_gate(connection: ASGIConnection[Any, Any, Any, Any], slug: str, opt: dict[str, Any]) -> None:
    """404 outside a campaign; 403 on reserved content for non-members; then hide the viewer and cookies."""
    campaign = (await live_campaigns(connection)).get(slug)  # type: ignore[arg-type]
    if campaign is None:
        raise FeatureNotOffered(slug)
    state = connection.scope["state"]
    member = state.get("member")
    if opt.get("reserved"):
        rt = connection.app.state.entraide
        obj = f"{state['site'].code}:{slug}"
        if not await rt.allowed(member, RESERVED, obj, enabled=state.get("enabled")):
            raise ReservedContent(slug)
    headers = list(connection.scope["headers"])
    state["sponsored"] = SponsoredRoute(slug, campaign, member, state.get("consent"), headers)
    show_cookies(connection, visible=False)
    state["member"] = None
    state.pop("member_view", None)
    state["consent"] = ConsentState.empty()
