"""Comments: writing, editing (history kept), deleting.

A comment is shown to whoever may read its post, except comments hidden by
moderation (their author and moderators still see them) and comments by a
member blocked either way.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import current_member, flash, gettext_for, locale_of, render
from plugins.wall import services
from plugins.wall.access import can_comment, comment_or_404, post_or_404
from plugins.wall.forms import FormErrors, text_value, validate_text
from plugins.wall.notify import emit_comment
from plugins.wall.pages import post_page_response
from plugins.wall.tables import CommentVersion
from plugins.wall.view import decorate_comments, when

__all__ = ["comment_handlers"]

OPT = {"login": True}
Req = Request[Any, Any, Any]


@post("/posts/{post_id:int}/comments", name="wall:comment", opt=OPT)
async def add(request: Req, post_id: FromPath[int]) -> Response[Any]:
    row = await post_or_404(request, post_id)
    if not await can_comment(request, row):
        raise NotFoundException()
    me = current_member(request)
    form = await request.form()
    errors = FormErrors()
    body = text_value(form, "body")
    validate_text(body, errors)
    if errors:
        return await post_page_response(request, row, errors=errors, comment_text=body)
    comment_id = await services.add_comment(post_id, me.id, body)
    await emit_comment(request, row, comment_id, me.id, body)
    return Redirect(f"/wall/posts/{post_id}#comment-{comment_id}", status_code=303)


async def _own_comment(request: Req, comment_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    comment, row = await comment_or_404(request, comment_id)
    if comment["author"] != current_member(request).id:
        raise NotFoundException()
    return comment, row


@get("/comments/{comment_id:int}/edit", name="wall:comment_edit", opt=OPT)
async def edit_form(request: Req, comment_id: FromPath[int]) -> Response[Any]:
    comment, _ = await _own_comment(request, comment_id)
    context = {"kind": "comment", "item": comment, "text": comment["body"], "errors": {}}
    return await render(request, "wall/pages/edit.html", context)


@post("/comments/{comment_id:int}/edit", name="wall:comment_edit_submit", opt=OPT)
async def edit_submit(request: Req, comment_id: FromPath[int]) -> Response[Any]:
    comment, _ = await _own_comment(request, comment_id)
    form = await request.form()
    errors = FormErrors()
    body = text_value(form, "body")
    validate_text(body, errors)
    if errors:
        translated = errors.translated(gettext_for(request).gettext, locale_of(request))
        context = {"kind": "comment", "item": comment, "text": body, "errors": translated}
        return await render(request, "wall/pages/edit.html", context, status=400)
    await services.edit_comment(comment, body)
    message = gettext_for(request).gettext("Your comment is updated.")
    return flash(Redirect(f"/wall/posts/{comment['post']}#comment-{comment_id}", status_code=303), message)


@get("/comments/{comment_id:int}/history", name="wall:comment_history", opt=OPT)
async def history(request: Req, comment_id: FromPath[int]) -> Response[Any]:
    comment, _ = await comment_or_404(request, comment_id)
    versions = (
        await CommentVersion.select()
        .where(CommentVersion.comment == comment_id)
        .order_by(CommentVersion.id, ascending=False)
    )
    (decorated,) = await decorate_comments(request, [comment])
    items = [{"body": v["body"], "when": when(request, v["written_at"])} for v in versions]
    return await render(request, "wall/pages/history.html", {"kind": "comment", "item": decorated, "versions": items})


@get("/comments/{comment_id:int}/delete", name="wall:comment_delete_confirm", opt=OPT)
async def delete_confirm(request: Req, comment_id: FromPath[int]) -> Response[Any]:
    comment, _ = await _own_comment(request, comment_id)
    return await render(request, "wall/pages/delete.html", {"kind": "comment", "item": comment})


@post("/comments/{comment_id:int}/delete", name="wall:comment_delete", opt=OPT)
async def delete(request: Req, comment_id: FromPath[int]) -> Response[Any]:
    comment, _ = await _own_comment(request, comment_id)
    await services.delete_comment(comment)
    message = gettext_for(request).gettext("Your comment is deleted.")
    return flash(Redirect(f"/wall/posts/{comment['post']}", status_code=303), message)


comment_handlers = [add, edit_form, edit_submit, history, delete_confirm, delete]
