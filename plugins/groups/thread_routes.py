"""Threads and their messages: reading, starting, replying (with a quote), subscribing, pinning, locking."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import audit, current_member, flash, gettext_for, is_htmx, locale_of, related, render
from plugins.groups import threads as svc
from plugins.groups.access import (
    can_post,
    is_group_moderator,
    readable_group_or_404,
    reply_or_404,
    thread_or_404,
)
from plugins.groups.forms import check_text, check_title, text_value
from plugins.groups.notify import emit_reply
from plugins.groups.reply_routes import reply_handlers
from plugins.groups.tables import Reply
from plugins.groups.view import decorate_replies

__all__ = ["thread_handlers", "thread_page_response"]

OPT = {"login": True}
FLAGS = {"pin": ("pinned", True), "unpin": ("pinned", False), "lock": ("locked", True), "unlock": ("locked", False)}
Req = Request[Any, Any, Any]


@get("/{group_id:int}/threads/new", name="groups:thread_new", opt=OPT)
async def new_thread_form(request: Req, group_id: FromPath[int]) -> Response[Any]:
    group = await readable_group_or_404(request, group_id)
    if not await can_post(current_member(request), group):
        raise NotFoundException()
    return await render(request, "groups/pages/thread_new.html", {"group": group, "errors": {}, "values": {}})


@post("/{group_id:int}/threads", name="groups:thread_create", opt=OPT)
async def create_thread(request: Req, group_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    group = await readable_group_or_404(request, group_id)
    _ = gettext_for(request).gettext
    form = await request.form()
    values = {"title": text_value(form, "title"), "body": text_value(form, "body")}
    errors = {}
    if not await can_post(me, group):
        errors["body"] = _("Only members of the group can write in it: join it first.")
    for name, problem in (
        ("title", check_title(values["title"], _)),
        ("body", check_text(values["body"], _, locale_of(request))),
    ):
        if problem and name not in errors:
            errors[name] = problem
    if errors:
        context = {"group": group, "errors": errors, "values": values}
        return await render(request, "groups/pages/thread_new.html", context, status=400)
    thread_id, _reply = await svc.create_thread(group_id, me.id, values["title"], values["body"])
    return flash(Redirect(f"/groups/threads/{thread_id}/", status_code=303), _("Your discussion is started."))


async def thread_page_response(
    request: Req,
    thread: dict[str, Any],
    group: dict[str, Any],
    *,
    page: int = 1,
    quote: int | None = None,
    errors: dict[str, str] | None = None,
    text: str = "",
) -> Response[Any]:
    me = current_member(request)
    moderator = await is_group_moderator(request, group)
    blocked = frozenset(int(i) for i in await related(request, "friends.blocked", me.id))
    page = max(1, min(page, 100_000))
    rows = await (
        Reply.select()
        .where(Reply.thread == thread["id"])
        .order_by(Reply.id)
        .offset((page - 1) * svc.REPLIES_PER_PAGE)
        .limit(svc.REPLIES_PER_PAGE + 1)
    )
    shown = [r for r in rows[: svc.REPLIES_PER_PAGE] if r["author"] not in blocked]
    replies = await decorate_replies(request, shown, hidden_ids=blocked)
    quoting = None
    if quote:
        quoting = next(iter(await decorate_replies(request, [(await reply_or_404(request, quote))[0]])), None)
    context = {
        "thread": thread,
        "group": group,
        "replies": replies,
        "page": page,
        "has_next": len(rows) > svc.REPLIES_PER_PAGE,
        "moderator": moderator,
        "can_reply": not thread["locked"] and await can_post(me, group),
        "subscribed": await svc.subscribed(thread["id"], me.id),
        "quoting": quoting,
        "errors": errors or {},
        "text": text,
    }
    return await render(request, "groups/pages/thread.html", context, status=400 if errors else 200)


@get("/threads/{thread_id:int}/", name="groups:thread", opt=OPT)
async def thread_page(
    request: Req, thread_id: FromPath[int], page: FromQuery[int] = 1, quote: FromQuery[int | None] = None
) -> Response[Any]:
    thread, group = await thread_or_404(request, thread_id)
    return await thread_page_response(request, thread, group, page=page, quote=quote)


@post("/threads/{thread_id:int}/replies", name="groups:reply", opt=OPT)
async def reply(request: Req, thread_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    thread, group = await thread_or_404(request, thread_id)
    _ = gettext_for(request).gettext
    form = await request.form()
    body = text_value(form, "body")
    quote_raw = text_value(form, "quote")
    quote_id = int(quote_raw) if quote_raw.isdigit() and len(quote_raw) < 12 else None
    quoted = (await reply_or_404(request, quote_id))[0] if quote_id else None
    if quoted is not None and quoted["thread"] != thread_id:
        raise NotFoundException()
    problem = check_text(body, _, locale_of(request))
    if not await can_post(me, group):
        problem = _("Only members of the group can write in it: join it first.")
    elif thread["locked"]:
        problem = _("This discussion is locked: no new reply.")
    if problem:
        return await thread_page_response(request, thread, group, quote=quote_id, errors={"body": problem}, text=body)
    subscribers = await svc.subscribers(thread_id)
    reply_id = await svc.add_reply(thread_id, me.id, body, quote_id)
    await emit_reply(
        request,
        group,
        thread,
        reply_id,
        me.id,
        body,
        subscribers=subscribers,
        quoted_author=quoted["author"] if quoted else None,
    )
    return Redirect(f"/groups/replies/{reply_id}", status_code=303)


@post("/threads/{thread_id:int}/subscription", name="groups:subscription", opt=OPT)
async def subscription(request: Req, thread_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    thread, _group = await thread_or_404(request, thread_id)
    on = not await svc.subscribed(thread_id, me.id)
    await svc.subscribe(thread_id, me.id, on)
    if is_htmx(request):
        return await render(request, "groups/fragments/_subscription.html", {"thread": thread, "subscribed": on})
    _ = gettext_for(request).gettext
    message = _("You follow this discussion.") if on else _("You no longer follow this discussion.")
    return flash(Redirect(f"/groups/threads/{thread_id}/", status_code=303), message)


@post("/threads/{thread_id:int}/{action:str}", name="groups:thread_flag", opt=OPT)
async def thread_flag(request: Req, thread_id: FromPath[int], action: FromPath[str]) -> Response[Any]:
    _thread, group = await thread_or_404(request, thread_id)
    if action not in FLAGS or not await is_group_moderator(request, group):
        raise NotFoundException()
    flag, value = FLAGS[action]
    await svc.set_flag(thread_id, flag, value)
    await audit(request, f"groups.thread.{action}", f"groups.thread:{thread_id}", {"group": group["id"]})
    return flash(Redirect(f"/groups/threads/{thread_id}/", status_code=303), gettext_for(request).gettext("Done."))


thread_handlers = [new_thread_form, create_thread, thread_page, reply, subscription, thread_flag, *reply_handlers]
