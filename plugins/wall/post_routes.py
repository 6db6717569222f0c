"""One post: its page with comments, editing with history, deleting, likes, photo files.

Every handler starts from :func:`plugins.wall.access.post_or_404` (or
``comment_or_404``), so a member without access gets a 404, never a hint.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import File, Redirect

from core.api import current_member, flash, gettext_for, is_htmx, locale_of, media_path, render
from plugins.wall import services
from plugins.wall.access import can_comment, post_or_404
from plugins.wall.comment_routes import comment_handlers
from plugins.wall.forms import FormErrors, text_value, validate_text
from plugins.wall.notify import emit_like
from plugins.wall.pages import post_page_response
from plugins.wall.tables import Photo, PostVersion
from plugins.wall.view import decorate_posts, when

__all__ = ["post_handlers"]

OPT = {"login": True}
Req = Request[Any, Any, Any]
_MEDIA_TYPES = {"webp": "image/webp", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


@get("/posts/{post_id:int}", name="wall:post", opt=OPT)
async def post_page(request: Req, post_id: FromPath[int], after: FromQuery[int | None] = None) -> Response[Any]:
    return await post_page_response(request, await post_or_404(request, post_id), after=after)


async def _own_post(request: Req, post_id: int) -> dict[str, Any]:
    row = await post_or_404(request, post_id)
    if row["author"] != current_member(request).id:
        raise NotFoundException()
    return row


@get("/posts/{post_id:int}/edit", name="wall:post_edit", opt=OPT)
async def edit_form(request: Req, post_id: FromPath[int]) -> Response[Any]:
    row = await _own_post(request, post_id)
    return await render(
        request, "wall/pages/edit.html", {"kind": "post", "item": row, "text": row["body"], "errors": {}}
    )


@post("/posts/{post_id:int}/edit", name="wall:post_edit_submit", opt=OPT)
async def edit_submit(request: Req, post_id: FromPath[int]) -> Response[Any]:
    row = await _own_post(request, post_id)
    form = await request.form()
    errors = FormErrors()
    body = text_value(form, "body")
    validate_text(body, errors)
    if errors:
        translated = errors.translated(gettext_for(request).gettext, locale_of(request))
        return await render(
            request,
            "wall/pages/edit.html",
            {"kind": "post", "item": row, "text": body, "errors": translated},
            status=400,
        )
    await services.edit_post(row, body)
    return flash(
        Redirect(f"/wall/posts/{post_id}", status_code=303), gettext_for(request).gettext("Your post is updated.")
    )


@get("/posts/{post_id:int}/history", name="wall:post_history", opt=OPT)
async def history(request: Req, post_id: FromPath[int]) -> Response[Any]:
    row = await post_or_404(request, post_id)
    versions = await PostVersion.select().where(PostVersion.post == post_id).order_by(PostVersion.id, ascending=False)
    (decorated,) = await decorate_posts(request, [row])
    items = [{"body": v["body"], "when": when(request, v["written_at"])} for v in versions]
    return await render(request, "wall/pages/history.html", {"kind": "post", "item": decorated, "versions": items})


@get("/posts/{post_id:int}/delete", name="wall:post_delete_confirm", opt=OPT)
async def delete_confirm(request: Req, post_id: FromPath[int]) -> Response[Any]:
    row = await _own_post(request, post_id)
    return await render(request, "wall/pages/delete.html", {"kind": "post", "item": row})


@post("/posts/{post_id:int}/delete", name="wall:post_delete", opt=OPT)
async def delete(request: Req, post_id: FromPath[int]) -> Response[Any]:
    await _own_post(request, post_id)
    await services.delete_post(post_id)
    return flash(Redirect("/wall/", status_code=303), gettext_for(request).gettext("Your post is deleted."))


@post("/posts/{post_id:int}/like", name="wall:like", opt=OPT)
async def like(request: Req, post_id: FromPath[int]) -> Response[Any]:
    row = await post_or_404(request, post_id)
    me = current_member(request)
    if not await can_comment(request, row) and row["author"] != me.id:
        raise NotFoundException()
    if await services.toggle_like(post_id, me.id):
        await emit_like(request, row, me.id)
    fresh = await post_or_404(request, post_id)
    (decorated,) = await decorate_posts(request, [fresh])
    if is_htmx(request):
        return await render(request, "wall/fragments/_like.html", {"post": decorated})
    return Redirect(f"/wall/posts/{post_id}", status_code=303)


@get("/photos/{photo_id:int}", name="wall:photo", opt=OPT)
async def photo(request: Req, photo_id: FromPath[int]) -> File:
    return await _photo_file(request, photo_id, thumb=False)


@get("/photos/{photo_id:int}/thumb", name="wall:photo_thumb", opt=OPT)
async def photo_thumb(request: Req, photo_id: FromPath[int]) -> File:
    return await _photo_file(request, photo_id, thumb=True)


async def _photo_file(request: Req, photo_id: int, *, thumb: bool) -> File:
    """The file, after the same check as its post; private cache only, never sniffed as HTML."""
    row = await Photo.select().where(Photo.id == photo_id).first()
    if row is None:
        raise NotFoundException()
    await post_or_404(request, row["post"])
    name = row["thumb"] if thumb else row["name"]
    try:
        path = media_path("wall", name)
    except ValueError as exc:
        raise NotFoundException() from exc
    if not path.is_file():
        raise NotFoundException()
    return File(
        path=path,
        filename=name,
        content_disposition_type="inline",
        media_type=_MEDIA_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream"),
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


post_handlers = [
    post_page,
    edit_form,
    edit_submit,
    history,
    delete_confirm,
    delete,
    like,
    photo,
    photo_thumb,
    *comment_handlers,
]
