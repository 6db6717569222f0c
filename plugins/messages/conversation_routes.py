"""One conversation: the page, replying, live updates and leaving a group.

The page listens to the ``/live`` stream (``hx-trigger="sse:messages-conversation-<id>"``)
and fetches ``/messages/<id>/updates?after=<last id>``: the stream carries no
text, the update route checks the participant like every other route.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import MemberView, emit, flash, gettext_for, is_htmx, render, site_of
from plugins.messages import live, services
from plugins.messages.access import thread_or_404
from plugins.messages.events import message_sent
from plugins.messages.forms import check_body, text_of
from plugins.messages.services import Thread
from plugins.messages.views import Names, conversation_title, message_items, names_for, read_receipt

__all__ = ["conversation", "leave_conversation", "reply", "updates"]

OPT = {"login": True}


async def _context(
    request: Request[Any, Any, Any], me: MemberView, thread: Thread, rows: list[dict[str, Any]], names: Names
) -> dict[str, Any]:
    last_id = rows[-1]["id"] if rows else thread.me["last_read_id"]
    mine_last = bool(rows) and rows[-1]["sender"] == me.id
    return {
        "thread": thread,
        "messages": message_items(request, rows, me.id, names),
        "after": max(last_id, 0),
        "receipt": read_receipt(request, thread, rows[-1], names) if rows and (mine_last or thread.is_group) else "",
        "event": live.conversation_event(thread.id),
    }


@get("/{conversation_id:int}", name="messages:conversation", opt=OPT)
async def conversation(
    request: Request[Any, Any, Any], conversation_id: FromPath[int], before: FromQuery[int | None] = None
) -> Response[Any]:
    me, thread, blocked = await thread_or_404(request, conversation_id)
    return await _page(request, me, thread, blocked, before=before)


async def _page(
    request: Request[Any, Any, Any],
    me: MemberView,
    thread: Thread,
    blocked: set[int],
    *,
    before: int | None = None,
    body: str = "",
    error: str | None = None,
) -> Response[Any]:
    """The conversation page; the latest page marks the conversation read (not when re-shown with an error)."""
    rows, earlier = await services.messages_before(thread.id, blocked, before=before)
    names = await names_for(request, [p["member"] for p in thread.participants] + [r["sender"] for r in rows])
    context = await _context(request, me, thread, rows, names)
    if before is None and error is None and rows and await services.mark_read(thread, rows[-1]["id"]):
        await live.announce(thread.id, thread.other_ids)  # their "Seen" marker
        await live.refresh_badges([me.id])
    context.update(
        {
            "title": conversation_title(thread.subject, thread.others, names),
            "people": [names(p["member"]) for p in thread.others],
            "earlier": rows[0]["id"] if earlier and rows else None,
            "latest": before is None,
            "alone": not any(p["member"] is not None for p in thread.others),
            "body": body,
            "error": error,
        }
    )
    return await render(request, "messages/pages/conversation.html", context, status=400 if error else 200)


@get("/{conversation_id:int}/updates", name="messages:updates", opt=OPT)
async def updates(
    request: Request[Any, Any, Any], conversation_id: FromPath[int], after: FromQuery[int] = 0
) -> Response[Any]:
    """New messages after ``after`` (HTMX fragment), marking them read."""
    me, thread, blocked = await thread_or_404(request, conversation_id)
    return await _updates(request, me, thread, blocked, max(0, min(after, 2**31 - 1)))


async def _updates(
    request: Request[Any, Any, Any], me: MemberView, thread: Thread, blocked: set[int], after: int, error: str = ""
) -> Response[Any]:
    rows = await services.messages_after(thread.id, blocked, after)
    names = await names_for(request, [p["member"] for p in thread.participants] + [r["sender"] for r in rows])
    if rows and await services.mark_read(thread, rows[-1]["id"]):
        await live.announce(thread.id, thread.other_ids)
        await live.refresh_badges([me.id])
        thread = await services.load_thread(thread.id, me.id, thread.site) or thread
    context = await _context(request, me, thread, rows, names)
    if not rows:
        context["after"] = after
        last = await services.messages_before(thread.id, blocked, limit=1)
        if last[0] and (last[0][-1]["sender"] == me.id or thread.is_group):
            context["receipt"] = read_receipt(request, thread, last[0][-1], names)
    context["error"] = error
    return await render(request, "messages/fragments/_updates.html", context)


@post("/{conversation_id:int}", name="messages:reply", opt=OPT)
async def reply(request: Request[Any, Any, Any], conversation_id: FromPath[int]) -> Response[Any]:
    me, thread, blocked = await thread_or_404(request, conversation_id)
    _ = gettext_for(request).gettext
    form = await request.form()
    body = text_of(form, "body").strip("\n")
    after = form.get("after", "0")
    after_id = int(after) if isinstance(after, str) and after.isdigit() and len(after) < 10 else 0
    problem = check_body(request, body)
    if problem is None and not any(p["member"] is not None for p in thread.others):
        problem = _("Nobody else is left in this conversation.")
    if problem is not None:
        if is_htmx(request):
            return await _updates(request, me, thread, blocked, after_id, error=problem)
        return await _page(request, me, thread, blocked, body=body, error=problem)
    message_id = await services.post_message(thread.id, me.id, body, datetime.now(UTC), hidden_from=blocked)
    recipients = [m for m in thread.other_ids if m not in blocked]
    await live.announce(thread.id, [me.id, *recipients], badge_for=recipients)
    await emit(request, message_sent(site_of(request).code, me.id, thread.id, message_id))
    if is_htmx(request):
        return await _updates(request, me, thread, blocked, after_id)
    return Redirect(f"/messages/{thread.id}#m-{message_id}", status_code=303)


@post("/{conversation_id:int}/leave", name="messages:leave", opt=OPT)
async def leave_conversation(request: Request[Any, Any, Any], conversation_id: FromPath[int]) -> Response[Any]:
    """Leave a group conversation (one-to-one conversations cannot be left, only ignored)."""
    _me, thread, _blocked = await thread_or_404(request, conversation_id)
    if not thread.is_group:
        raise NotFoundException()
    await services.leave(thread, datetime.now(UTC))
    await live.refresh_badges([thread.me["member"]])
    message = gettext_for(request).gettext("You left the conversation.")
    return flash(Redirect("/messages/", status_code=303), message)
