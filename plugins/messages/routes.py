"""Private messages pages under ``/messages/`` (all need a logged-in member).

Entry point for other plugins: ``GET /messages/new?to=<pseudonym>&subject=<text>``
opens the form with the recipient and subject filled in (several ``to``
values, or pseudonyms separated by commas, for a group).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.params import FromQuery
from litestar.response import Redirect

from core.api import N_, allowed, current_member, emit, flash, gettext_for, rate_limit, render, site_of
from plugins.messages import live, reports, services
from plugins.messages.access import blocked_ids
from plugins.messages.conversation_routes import conversation, leave_conversation, reply, updates
from plugins.messages.events import conversation_started
from plugins.messages.forms import Draft, read_draft, split_pseudonyms
from plugins.messages.json_routes import json_handlers
from plugins.messages.moderation import moderation_handlers
from plugins.messages.privacy import rate_key
from plugins.messages.views import conversation_title, local_time, names_for

__all__ = ["NEW_PER_HOUR", "router"]

OPT = {"login": True}
NEW_PER_HOUR = 10
LIMIT_REACHED = N_(
    "You have started %(limit)s conversations in the last hour. You can start another one in %(minutes)s minutes."
)


@get("/", name="messages:inbox", opt=OPT)
async def inbox(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    me = current_member(request)
    page = max(1, min(page, 10_000))
    blocked = await blocked_ids(request, me.id)
    items, more = await services.inbox(me.id, site_of(request).code, page, blocked)
    names = await names_for(
        request, [p["member"] for i in items for p in i["others"]] + [i["last"]["sender"] for i in items if i["last"]]
    )
    rows = [
        {
            "id": item["id"],
            "title": conversation_title(item["subject"], item["others"], names),
            "people": ", ".join(names(p["member"]) for p in item["others"]),
            "group": item["is_group"],
            "unread": item["unread"],
            "when": local_time(request, item["last_message_at"]),
            "iso": item["last_message_at"].isoformat(),
            "last_sender": names(item["last"]["sender"]) if item["last"] else "",
            "last_mine": bool(item["last"]) and item["last"]["sender"] == me.id,
            "preview": _preview(item["last"]),
        }
        for item in items
    ]
    reported = await reports.open_count(site_of(request).code) if await allowed(request, "core.moderate") else None
    context = {"rows": rows, "page": page, "more": more, "reported": reported}
    return await render(request, "messages/pages/inbox.html", context)


def _preview(last: dict[str, Any] | None) -> str:
    if not last or last["removed_at"] is not None:
        return ""
    text = " ".join(last["body"].split())
    return text if len(text) <= 120 else text[:119] + "…"


@get("/new", name="messages:new", opt=OPT)
async def new_form(
    request: Request[Any, Any, Any], to: FromQuery[list[str] | None] = None, subject: FromQuery[str] = ""
) -> Response[Any]:
    """The form, pre-filled from ``?to=`` and ``?subject=`` (how other plugins link here)."""
    names = split_pseudonyms(",".join(to or [])[:2000])
    draft = Draft(to=", ".join(names), subject=" ".join(subject.split())[: services.MAX_SUBJECT])
    return await render(request, "messages/pages/new.html", {"draft": draft})


@post("/new", name="messages:create", opt=OPT)
async def create(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    _ = gettext_for(request).gettext
    blocked = await blocked_ids(request, me.id)
    draft = await read_draft(request, me, await request.form(), blocked)
    if draft.errors:
        return await render(request, "messages/pages/new.html", {"draft": draft}, status=400)
    site = site_of(request).code
    now = datetime.now(UTC)
    ids = [r.id for r in draft.recipients]
    existing = await services.find_existing(site, {me.id, *ids}, draft.subject)
    if existing is not None:
        message_id = await services.post_message(existing, me.id, draft.body, now, hidden_from=set())
        await live.announce(existing, [me.id, *ids], badge_for=ids)
        return flash(Redirect(f"/messages/{existing}#m-{message_id}", status_code=303), _("Message sent."))
    budget = await rate_limit(rate_key(me.id), limit=NEW_PER_HOUR, window=timedelta(hours=1))
    if not budget.allowed:
        minutes = max(1, round(budget.retry_after / timedelta(minutes=1)))
        draft.errors["to"] = _(LIMIT_REACHED) % {"limit": NEW_PER_HOUR, "minutes": minutes}
        return await render(request, "messages/pages/new.html", {"draft": draft}, status=429)
    conversation_id, message_id = await services.start_conversation(site, me.id, ids, draft.subject, draft.body, now)
    await live.announce(conversation_id, [me.id, *ids], badge_for=ids)
    await emit(request, conversation_started(site, me.id, conversation_id, message_id, ids))
    return flash(Redirect(f"/messages/{conversation_id}", status_code=303), _("Message sent."))


router = Router(
    path="/messages",
    route_handlers=[
        inbox,
        new_form,
        create,
        conversation,
        reply,
        updates,
        leave_conversation,
        *moderation_handlers,
        *json_handlers,
    ],
)
