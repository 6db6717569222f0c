"""What the friends pages and actions share: who may be seen, the friends page.

Every page needs a signed-in member. A member the viewer may not see (unknown
id, another edition, oneself, or a block in either direction) answers 404,
the same for a page, an HTMX fragment and JSON, so nothing tells a blocked
member that the other exists.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import NotFoundException

from core.api import MemberView, current_member, get_member, get_members, related, render, site_of
from plugins.friends import services
from plugins.friends.web import since

__all__ = ["list_page", "visible_member"]

PAGE_SIZE = 24
SUGGESTIONS = 6


async def visible_member(request: Request[Any, Any, Any], member_id: int) -> MemberView:
    """Another member of this edition, not blocked either way; else 404."""
    me = current_member(request)
    other = await get_member(member_id) if 0 < member_id < 2**31 else None
    if other is None or other.id == me.id or other.site != site_of(request).code:
        raise NotFoundException()
    if await services.is_blocked(me.id, other.id):
        raise NotFoundException()
    return other


async def _suggestions(request: Request[Any, Any, Any], me: MemberView) -> list[int]:
    """Members like me (asked from matching, if enabled) who are not friends or pending yet."""
    similar = await related(request, "matching.similar", me.id)
    if not similar:
        return []
    excluded = {me.id, *await services.friend_ids(me.id), *await services.blocked_ids(me.id)}
    excluded |= set(await services.pending_ids(me.id))
    return [int(i) for i in similar if int(i) not in excluded][: SUGGESTIONS * 2]


async def list_page(
    request: Request[Any, Any, Any], page: int = 1, *, error: str | None = None, pseudonym: str = ""
) -> Response[Any]:
    """The friends page; re-rendered with ``error`` (status 400) when a request was refused."""
    me = current_member(request)
    rows, total = await services.friends_page(me.id, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    if page > 1 and not rows:
        raise NotFoundException()
    requests = await services.incoming(me.id)
    suggested = await _suggestions(request, me)
    views = await get_members([r["friend"] for r in rows] + [r["sender"] for r in requests] + suggested)
    site = site_of(request).code
    context = {
        "friends": [(views[r["friend"]], since(request, r["created_at"])) for r in rows if r["friend"] in views],
        "total": total,
        "page": page,
        "has_next": page * PAGE_SIZE < total,
        "incoming": [(r["id"], views[r["sender"]]) for r in requests if r["sender"] in views],
        "suggestions": [views[i] for i in suggested if i in views and views[i].site == site][:SUGGESTIONS],
        "error": error,
        "pseudonym": pseudonym,
    }
    return await render(request, "friends/pages/list.html", context, status=400 if error else 200)
