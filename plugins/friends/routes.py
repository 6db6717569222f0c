"""Friends pages under ``/friends/``: lists, requests, blocks, and per-member fragments.

Every page needs a signed-in member; see :func:`plugins.friends.pages.visible_member`
for who answers 404.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery

from core.api import current_member, get_members, render
from plugins.friends import services
from plugins.friends.actions import ACTIONS
from plugins.friends.pages import list_page, visible_member
from plugins.friends.web import safe_next, since

__all__ = ["router"]

OPT = {"login": True}


@get("/", name="friends:list", opt=OPT)
async def friends_list(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    if not 1 <= page <= 10_000:
        raise NotFoundException()
    return await list_page(request, page)


@get("/requests/", name="friends:requests", opt=OPT)
async def requests_page(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    got, sent = await services.incoming(me.id), await services.outgoing(me.id)
    views = await get_members([r["sender"] for r in got] + [r["recipient"] for r in sent])
    context = {
        "incoming": [
            (r["id"], views[r["sender"]], since(request, r["created_at"])) for r in got if r["sender"] in views
        ],
        "outgoing": [
            (r["id"], views[r["recipient"]], since(request, r["created_at"])) for r in sent if r["recipient"] in views
        ],
    }
    return await render(request, "friends/pages/requests.html", context)


@get("/blocked/", name="friends:blocked", opt=OPT)
async def blocked_page(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    rows = await services.my_blocks(me.id)
    views = await get_members([r["blocked"] for r in rows])
    blocked = [(views[r["blocked"]], since(request, r["created_at"])) for r in rows if r["blocked"] in views]
    return await render(request, "friends/pages/blocked.html", {"blocked": blocked})


@get("/{member_id:int}/block", name="friends:block_confirm", opt=OPT)
async def block_confirm(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Response[Any]:
    """Ask before blocking: say what a block does."""
    other = await visible_member(request, member_id)
    return await render(request, "friends/pages/block_confirm.html", {"other": other})


@get("/{member_id:int}/button", name="friends:button", opt=OPT)
async def button(
    request: Request[Any, Any, Any], member_id: FromPath[int], next: FromQuery[str] = "/friends/"
) -> Response[Any]:
    """HTMX fragment: the friendship actions for one member (profile pages, matching)."""
    other = await visible_member(request, member_id)
    state = await services.status(current_member(request).id, other.id)
    context = {"other": other, "status": state, "next_url": safe_next(next, "/friends/")}
    return await render(request, "friends/fragments/_button.html", context)


@get("/{member_id:int}/status.json", name="friends:status", opt=OPT)
async def status_json(request: Request[Any, Any, Any], member_id: FromPath[int]) -> dict[str, Any]:
    """JSON: how the viewer stands with a member (``friends``, ``outgoing``, ``incoming``, ``none``)."""
    other = await visible_member(request, member_id)
    state = await services.status(current_member(request).id, other.id)
    return {"member_id": other.id, "pseudonym": other.pseudonym, "state": state.state, "request_id": state.request_id}


router = Router(
    path="/friends",
    route_handlers=[friends_list, requests_page, blocked_page, block_confirm, button, status_json, *ACTIONS],
)
