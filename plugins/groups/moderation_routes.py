"""Reporting messages and the moderation queue (hide, restore, dismiss, warn, remove from group).

Group moderators see the reports of the groups they moderate; the edition's
moderators and operators see every group's. Each decision is written to
core's audit log, and the queue shows the recent decisions from it.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import audit, audit_trail, current_member, field, flash, gettext_for, render, site_of
from plugins.groups import moderation, services
from plugins.groups.access import is_group_moderator, is_staff, reply_or_404
from plugins.groups.notify import emit_warning
from plugins.groups.tables import Group, Membership, Reply, Thread
from plugins.groups.view import decorate_replies

__all__ = ["moderation_handlers"]

OPT = {"login": True}
ACTIONS = ("hide", "restore", "dismiss", "warn", "remove")
Req = Request[Any, Any, Any]


@get("/replies/{reply_id:int}/report", name="groups:report", opt=OPT)
async def report_form(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, _group = await reply_or_404(request, reply_id)
    if reply["author"] == current_member(request).id:
        raise NotFoundException()
    context = {"reply": reply, "thread": thread, "reasons": moderation.REASONS, "error": None}
    return await render(request, "groups/pages/report.html", context)


@post("/replies/{reply_id:int}/report", name="groups:report_submit", opt=OPT)
async def report_submit(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, group = await reply_or_404(request, reply_id)
    me = current_member(request)
    if reply["author"] == me.id:
        raise NotFoundException()
    _ = gettext_for(request).gettext
    form = await request.form()
    reason = field(form, "reason")
    if reason not in moderation.REASONS:
        context = {"reply": reply, "thread": thread, "reasons": moderation.REASONS, "error": _("Choose a reason.")}
        return await render(request, "groups/pages/report.html", context, status=400)
    created, hidden = await moderation.file_report(me.id, reply, group, reason, field(form, "note"))
    if hidden:
        detail = {"reporters": moderation.AUTO_HIDE_REPORTERS, "group": group["id"]}
        await audit(request, "groups.reply.auto_hidden", f"groups.reply:{reply_id}", detail, system=True)
    message = _("Thank you. Moderators will review it.") if created else _("You have already reported this.")
    return flash(Redirect(f"/groups/threads/{thread['id']}/", status_code=303), message)


async def _moderated_group_ids(request: Req) -> list[int] | None:
    """None for the edition's staff (every group), else the groups the viewer moderates."""
    if await is_staff(request):
        return None
    rows = await Membership.select(Membership.group).where(
        (Membership.member == current_member(request).id)
        & (Membership.role == "moderator")
        & (Membership.status == "active")
    )
    return [r["group"] for r in rows]


@get("/moderation/", name="groups:moderation", opt=OPT)
async def queue(request: Req) -> Response[Any]:
    group_ids = await _moderated_group_ids(request)
    if group_ids == []:
        raise NotFoundException()
    items = await moderation.open_items(site_of(request).code, group_ids)
    replies = await Reply.select().where(Reply.id.is_in([i["reply_id"] for i in items])) if items else []
    decorated = {r["id"]: r for r in await decorate_replies(request, replies)}
    threads = (
        {t["id"]: t for t in await Thread.select().where(Thread.id.is_in([r["thread"] for r in replies]))}
        if replies
        else {}
    )
    groups = (
        {g["id"]: g for g in await Group.select().where(Group.id.is_in([t["group"] for t in threads.values()]))}
        if threads
        else {}
    )
    rows = []
    for item in items:
        reply = decorated.get(item["reply_id"])
        if reply is not None:
            thread = threads[reply["thread"]]
            rows.append(item | {"reply": reply, "thread": thread, "group": groups[thread["group"]]})
    trail = await audit_trail(request, "groups.", limit=30)
    if group_ids is not None:
        targets = {f"groups.reply:{i['reply_id']}" for i in items} | {f"groups.group:{g}" for g in group_ids}
        trail = [t for t in trail if t["target"] in targets or t["detail"].get("group") in group_ids]
    trail = [
        t | {"label": moderation.ACTION_LABELS.get(t["action"]), "url": moderation.target_url(t["target"])}
        for t in trail
    ]
    return await render(
        request, "groups/pages/moderation.html", {"items": rows, "reasons": moderation.REASONS, "trail": trail}
    )


@post("/moderation/replies/{reply_id:int}/{action:str}", name="groups:moderate", opt=OPT)
async def moderate(request: Req, reply_id: FromPath[int], action: FromPath[str]) -> Response[Any]:
    if action not in ACTIONS:
        raise NotFoundException()
    reply, _thread, group = await reply_or_404(request, reply_id)
    if not await is_group_moderator(request, group):
        raise NotFoundException()
    if action == "warn":
        await emit_warning(request, group, reply["author"])
    elif action == "remove":
        await services.remove_member(group["id"], reply["author"])
        await moderation.decide(reply_id, "hide")
    else:
        await moderation.decide(reply_id, action)
    note = field(await request.form(), "note")[:300]
    detail = {"group": group["id"], "author": reply["author"], "note": note}
    await audit(request, f"groups.reply.{action}", f"groups.reply:{reply_id}", detail)
    return flash(Redirect("/groups/moderation/", status_code=303), gettext_for(request).gettext("Decision recorded."))


moderation_handlers = [report_form, report_submit, queue, moderate]
