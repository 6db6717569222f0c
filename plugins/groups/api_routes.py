"""JSON views of a group and of a thread (same access rules as the pages)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromPath, FromQuery

from core.api import current_member, related
from plugins.groups.access import can_post, can_read, group_or_404, thread_or_404
from plugins.groups.tables import Reply
from plugins.groups.threads import REPLIES_PER_PAGE, threads_of_group
from plugins.groups.view import count_label, decorate_replies, reply_json

__all__ = ["api_handlers"]

OPT = {"login": True}
Req = Request[Any, Any, Any]


@get("/api/groups/{group_id:int}", name="groups:api_group", opt=OPT)
async def api_group(request: Req, group_id: FromPath[int], page: FromQuery[int] = 1) -> dict[str, Any]:
    """A group; its threads only for those who may read it."""
    me = current_member(request)
    group = await group_or_404(request, group_id)
    readable = await can_read(me, group)
    threads: list[dict[str, Any]] = []
    if readable:
        blocked = [int(i) for i in await related(request, "friends.blocked", me.id)]
        rows, _ = await threads_of_group(group_id, max(1, min(page, 10_000)), blocked)
        threads = [
            {
                "id": t["id"],
                "title": t["title"],
                "pinned": t["pinned"],
                "locked": t["locked"],
                "replies": t["reply_count"],
            }
            for t in rows
        ]
    return {
        "id": group["id"],
        "name": group["name"],
        "language": group["language"],
        "visibility": group["visibility"],
        "members": count_label(request, group["member_count"]),
        "can_read": readable,
        "can_post": await can_post(me, group),
        "threads": threads,
    }


@get("/api/threads/{thread_id:int}", name="groups:api_thread", opt=OPT)
async def api_thread(request: Req, thread_id: FromPath[int], page: FromQuery[int] = 1) -> dict[str, Any]:
    me = current_member(request)
    thread, group = await thread_or_404(request, thread_id)
    blocked = frozenset(int(i) for i in await related(request, "friends.blocked", me.id))
    page = max(1, min(page, 100_000))
    rows = await (
        Reply.select()
        .where(Reply.thread == thread_id)
        .order_by(Reply.id)
        .offset((page - 1) * REPLIES_PER_PAGE)
        .limit(REPLIES_PER_PAGE)
    )
    visible = [r for r in rows if r["author"] not in blocked and (not r["hidden"] or r["author"] == me.id)]
    replies = await decorate_replies(request, visible, hidden_ids=blocked)
    return {
        "id": thread["id"],
        "group_id": group["id"],
        "title": thread["title"],
        "pinned": thread["pinned"],
        "locked": thread["locked"],
        "replies": [reply_json(r) for r in replies],
    }


api_handlers = [api_group, api_thread]
