"""JSON views of the same data (apps, scripts), under the same checks as the pages."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromPath, FromQuery

from core.api import current_member, site_of
from plugins.messages import services
from plugins.messages.access import blocked_ids, thread_or_404
from plugins.messages.views import names_for

__all__ = ["json_handlers"]

OPT = {"login": True}


@get("/api/unread", name="messages:api_unread", opt=OPT)
async def api_unread(request: Request[Any, Any, Any]) -> dict[str, int]:
    """Unread messages of the viewer (the navigation badge)."""
    return {"unread": await services.unread_total(current_member(request).id)}


@get("/api/conversations", name="messages:api_conversations", opt=OPT)
async def api_conversations(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> dict[str, Any]:
    me = current_member(request)
    page = max(1, min(page, 10_000))
    items, more = await services.inbox(me.id, site_of(request).code, page, await blocked_ids(request, me.id))
    names = await names_for(request, [p["member"] for i in items for p in i["others"]])
    return {
        "page": page,
        "more": more,
        "conversations": [
            {
                "id": i["id"],
                "subject": i["subject"],
                "group": i["is_group"],
                "participants": [names(p["member"]) for p in i["others"]],
                "unread": i["unread"],
                "last_message_at": i["last_message_at"].isoformat(),
            }
            for i in items
        ],
    }


@get("/api/conversations/{conversation_id:int}", name="messages:api_conversation", opt=OPT)
async def api_conversation(
    request: Request[Any, Any, Any], conversation_id: FromPath[int], before: FromQuery[int | None] = None
) -> dict[str, Any]:
    """One conversation with its latest messages (older ones with ``?before=<id>``); does not mark it read."""
    me, thread, blocked = await thread_or_404(request, conversation_id)
    rows, earlier = await services.messages_before(thread.id, blocked, before=before)
    names = await names_for(request, [p["member"] for p in thread.participants] + [r["sender"] for r in rows])
    return {
        "id": thread.id,
        "subject": thread.subject,
        "group": thread.is_group,
        "participants": [names(p["member"]) for p in thread.others],
        "more_before": earlier,
        "messages": [
            {
                "id": r["id"],
                "sender": names(r["sender"]),
                "mine": r["sender"] == me.id,
                "text": r["body"] if r["removed_at"] is None else None,
                "removed": r["removed_at"] is not None,
                "sent_at": r["created_at"].isoformat(),
            }
            for r in rows
        ],
    }


json_handlers = [api_unread, api_conversations, api_conversation]
