"""Reporting a message, and the moderators' queue (``core.moderate``: moderators and operators).

A participant reports a message they received; moderators of the edition
then see that message, its author and the reports — never the rest of the
conversation. Decisions (remove, dismiss, warn the author) go to core's
audit log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import audit, current_member, flash, get_member, gettext_for, render, send_member_email, site_of
from plugins.messages import reports
from plugins.messages.access import thread_or_404
from plugins.messages.forms import text_of
from plugins.messages.tables import Message
from plugins.messages.views import local_time, names_for

__all__ = ["moderation_handlers"]

MOD = {"login": True, "permission": "core.moderate"}


async def _reportable(request: Request[Any, Any, Any], conversation_id: int, message_id: int) -> dict[str, Any]:
    me, thread, blocked = await thread_or_404(request, conversation_id)
    row = await Message.select().where((Message.id == message_id) & (Message.conversation == thread.id)).first()
    if row is None or row["sender"] == me.id or row["sender"] in blocked or row["removed_at"] is not None:
        raise NotFoundException()
    return row


@get("/{conversation_id:int}/report/{message_id:int}", name="messages:report_form", opt={"login": True})
async def report_form(
    request: Request[Any, Any, Any], conversation_id: FromPath[int], message_id: FromPath[int]
) -> Response[Any]:
    row = await _reportable(request, conversation_id, message_id)
    names = await names_for(request, [row["sender"]])
    context = {"conversation_id": conversation_id, "message": row, "sender": names(row["sender"])}
    return await render(request, "messages/pages/report.html", {**context, "reasons": reports.REASONS, "errors": {}})


@post("/{conversation_id:int}/report/{message_id:int}", name="messages:report", opt={"login": True})
async def report(
    request: Request[Any, Any, Any], conversation_id: FromPath[int], message_id: FromPath[int]
) -> Response[Any]:
    row = await _reportable(request, conversation_id, message_id)
    me = current_member(request)
    _ = gettext_for(request).gettext
    form = await request.form()
    reason = text_of(form, "reason")
    note = text_of(form, "note").strip()
    errors = {}
    if reason not in reports.REASONS:
        errors["reason"] = _("Choose why you report this message.")
    if len(note) > reports.MAX_NOTE:
        errors["note"] = _("At most %(max)s characters.") % {"max": reports.MAX_NOTE}
    if errors:
        names = await names_for(request, [row["sender"]])
        context = {"conversation_id": conversation_id, "message": row, "sender": names(row["sender"])}
        return await render(
            request,
            "messages/pages/report.html",
            {**context, "reasons": reports.REASONS, "errors": errors, "reason": reason, "note": note},
            status=400,
        )
    filed = await reports.file_report(row["id"], me.id, site_of(request).code, reason, note, datetime.now(UTC))
    text = _("Thank you. Moderators will review this message.") if filed else _("You already reported this message.")
    return flash(Redirect(f"/messages/{conversation_id}", status_code=303), text)


@get("/moderation/", name="messages:moderation", opt=MOD)
async def queue(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    page = max(1, min(page, 10_000))
    items, more = await reports.open_queue(site_of(request).code, page)
    names = await names_for(request, [i["sender"] for i in items])
    for item in items:
        item["sender_name"] = names(item["sender"])
        item["when"] = local_time(request, item["first_at"])
    return await render(
        request,
        "messages/pages/moderation.html",
        {"items": items, "page": page, "more": more, "reasons": reports.REASONS},
    )


@get("/moderation/{report_id:int}", name="messages:moderation_report", opt=MOD)
async def moderation_report(request: Request[Any, Any, Any], report_id: FromPath[int]) -> Response[Any]:
    found = await reports.for_moderator(report_id, site_of(request).code)
    if found is None:
        raise NotFoundException()
    message = found["message"]
    names = await names_for(request, [message["sender"]])
    context = {
        **found,
        "sender": names(message["sender"]),
        "when": local_time(request, message["created_at"]),
        "reasons": reports.REASONS,
        "open": any(r["status"] == "open" for r in found["reports"]),
    }
    return await render(request, "messages/pages/moderation_report.html", context)


@post("/moderation/{report_id:int}", name="messages:moderate", opt=MOD)
async def moderate(request: Request[Any, Any, Any], report_id: FromPath[int]) -> Response[Any]:
    found = await reports.for_moderator(report_id, site_of(request).code)
    if found is None:
        raise NotFoundException()
    _ = gettext_for(request).gettext
    action = text_of(await request.form(), "action")
    message = found["message"]
    target = f"messages.message:{message['id']}"
    now = datetime.now(UTC)
    if action == "remove":
        closed = await reports.resolve(message["id"], remove=True, now=now)
        await audit(request, "messages.message.removed", target, {"reports": closed})
        text = _("The message was removed.")
    elif action == "dismiss":
        closed = await reports.resolve(message["id"], remove=False, now=now)
        await audit(request, "messages.reports.dismissed", target, {"reports": closed})
        text = _("The reports were dismissed.")
    elif action == "warn":
        await _warn(request, message["sender"])
        await audit(request, "messages.author.warned", target, {})
        text = _("The author was warned by e-mail.")
    else:
        raise NotFoundException()
    return flash(Redirect("/messages/moderation/", status_code=303), text)


async def _warn(request: Request[Any, Any, Any], member_id: int) -> None:
    member = await get_member(member_id)
    if member is None:
        return
    _ = gettext_for(request).gettext
    site = site_of(request)
    body = _(
        "Hello %(name)s,\n\nA private message you wrote on %(site)s was reported by the person who received it, "
        "and a moderator found that it does not respect the community rules. Please keep your messages "
        "respectful; repeated problems can lead to your account being suspended."
    ) % {"name": member.pseudonym, "site": site.name}
    await send_member_email(member_id, _("About a message you sent on %(site)s") % {"site": site.name}, body)


moderation_handlers = [report_form, report, queue, moderation_report, moderate]
