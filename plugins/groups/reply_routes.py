"""One message: its permalink, editing (history kept) and deleting by its author."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import current_member, flash, gettext_for, locale_of, render
from plugins.groups import threads as svc
from plugins.groups.access import can_read, reply_or_404
from plugins.groups.forms import check_text, text_value
from plugins.groups.tables import ReplyVersion
from plugins.groups.view import decorate_replies, when

__all__ = ["reply_handlers"]

OPT = {"login": True}
Req = Request[Any, Any, Any]


@get("/replies/{reply_id:int}", name="groups:reply_link", opt=OPT)
async def permalink(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    """Readers go to the message in its thread; staff reviewing a report see the message alone."""
    reply, thread, group = await reply_or_404(request, reply_id)
    if await can_read(current_member(request), group):
        page = await svc.page_of_reply(reply)
        return Redirect(f"/groups/threads/{thread['id']}/?page={page}#reply-{reply_id}", status_code=303)
    (decorated,) = await decorate_replies(request, [reply])
    return await render(request, "groups/pages/reply.html", {"reply": decorated, "thread": thread, "group": group})


async def _own(request: Req, reply_id: int) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    reply, thread, group = await reply_or_404(request, reply_id)
    if reply["author"] != current_member(request).id or not await can_read(current_member(request), group):
        raise NotFoundException()
    return reply, thread, group


@get("/replies/{reply_id:int}/edit", name="groups:reply_edit", opt=OPT)
async def edit_form(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, _group = await _own(request, reply_id)
    context = {"reply": reply, "thread": thread, "text": reply["body"], "error": None}
    return await render(request, "groups/pages/reply_edit.html", context)


@post("/replies/{reply_id:int}/edit", name="groups:reply_edit_submit", opt=OPT)
async def edit_submit(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, _group = await _own(request, reply_id)
    _ = gettext_for(request).gettext
    body = text_value(await request.form(), "body")
    problem = check_text(body, _, locale_of(request))
    if problem:
        context = {"reply": reply, "thread": thread, "text": body, "error": problem}
        return await render(request, "groups/pages/reply_edit.html", context, status=400)
    await svc.edit_reply(reply, body)
    return flash(Redirect(f"/groups/replies/{reply_id}", status_code=303), _("Your message is updated."))


@get("/replies/{reply_id:int}/history", name="groups:reply_history", opt=OPT)
async def history(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, _group = await reply_or_404(request, reply_id)
    versions = (
        await ReplyVersion.select().where(ReplyVersion.reply == reply_id).order_by(ReplyVersion.id, ascending=False)
    )
    (decorated,) = await decorate_replies(request, [reply])
    items = [{"body": v["body"], "when": when(request, v["written_at"])} for v in versions]
    return await render(
        request, "groups/pages/reply_history.html", {"reply": decorated, "thread": thread, "versions": items}
    )


@get("/replies/{reply_id:int}/delete", name="groups:reply_delete_confirm", opt=OPT)
async def delete_confirm(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, _group = await _own(request, reply_id)
    return await render(request, "groups/pages/reply_delete.html", {"reply": reply, "thread": thread})


@post("/replies/{reply_id:int}/delete", name="groups:reply_delete", opt=OPT)
async def delete(request: Req, reply_id: FromPath[int]) -> Response[Any]:
    reply, thread, group = await _own(request, reply_id)
    _ = gettext_for(request).gettext
    if await svc.delete_reply(reply, thread):
        return flash(Redirect(f"/groups/{group['id']}/", status_code=303), _("Your discussion is deleted."))
    return flash(Redirect(f"/groups/threads/{thread['id']}/", status_code=303), _("Your message is deleted."))


reply_handlers = [permalink, edit_form, edit_submit, history, delete_confirm, delete]
