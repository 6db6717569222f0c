"""Wall pages: the feed, the edition's public posts, a member's wall, and posting.

The feed pages through a keyset cursor (``?before=<id>``): HTMX's "load
more" fetches the next page as a fragment; without JavaScript the same link
opens the next page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import (
    N_,
    allowed,
    current_member,
    field,
    flash,
    get_member,
    gettext_for,
    is_htmx,
    locale_of,
    rate_limit,
    related,
    render,
    site_of,
)
from plugins.wall import feed as feeds
from plugins.wall.api_routes import api_handlers
from plugins.wall.forms import REQUEST_LIMIT, FormErrors, read_photos, text_value, validate_text
from plugins.wall.moderation_routes import moderation_handlers
from plugins.wall.notify import emit_post
from plugins.wall.pages import feed_rows
from plugins.wall.post_routes import post_handlers
from plugins.wall.services import NewPost, create_post
from plugins.wall.tables import Post
from plugins.wall.view import decorate_posts

__all__ = ["POSTS_PER_HOUR", "audience_choices", "router"]

OPT = {"login": True}
POSTS_PER_HOUR = 30
HOUR = timedelta(hours=1)
Req = Request[Any, Any, Any]


async def audience_choices(request: Req) -> list[dict[str, Any]]:
    """Groups the viewer may post in (answered by a groups plugin: ``groups.postable``)."""
    me = current_member(request)
    return [g for g in await related(request, "groups.postable", me.id) if isinstance(g, dict) and "id" in g]


async def _feed_response(
    request: Req,
    view: str,
    before: int | None,
    *,
    errors: FormErrors | None = None,
    values: dict[str, Any] | None = None,
) -> Response[Any]:
    posts, next_cursor = await feed_rows(request, view, before)
    context: dict[str, Any] = {
        "posts": posts,
        "next_cursor": next_cursor,
        "view": view,
        "before": before,
        "base_path": "/wall/",
    }
    if is_htmx(request) and before is not None:
        return await render(request, "wall/fragments/_feed_page.html", context)
    context |= {
        "groups": await audience_choices(request),
        "errors": (errors or FormErrors()).translated(gettext_for(request).gettext, locale_of(request)),
        "values": values or {"audience": "friends"},
    }
    return await render(request, "wall/pages/feed.html", context, status=400 if errors else 200)


@get("/", name="wall:feed", opt=OPT)
async def feed_page(request: Req, before: FromQuery[int | None] = None, view: FromQuery[str] = "feed") -> Response[Any]:
    return await _feed_response(request, "edition" if view == "edition" else "feed", before)


async def _audience(request: Req, value: str, errors: FormErrors) -> tuple[str, int | None, str]:
    if value in ("friends", "members"):
        return value, None, ""
    if value.startswith("group:") and value[6:].isdigit():
        group_id = int(value[6:])
        names = {int(g["id"]): str(g.get("name", "")) for g in await audience_choices(request)}
        if group_id in names and await allowed(request, "groups.post", group_id):
            return "group", group_id, names[group_id]
        errors.add("audience", N_("You cannot post in this group: join it first."))
        return "group", None, ""
    errors.add("audience", N_("Choose who can see this post."))
    return "friends", None, ""


@post("/posts", name="wall:create", opt=OPT, request_max_body_size=REQUEST_LIMIT)
async def create(request: Req) -> Response[Any]:
    me = current_member(request)
    _ = gettext_for(request).gettext
    form = await request.form()
    errors = FormErrors()
    body = text_value(form, "body")
    validate_text(body, errors)
    audience, group_id, group_name = await _audience(request, field(form, "audience"), errors)
    photos = await read_photos(form, errors)
    values = {"body": body, "audience": field(form, "audience"), "photo_alt": field(form, "photo_alt")}
    if not errors and not (await rate_limit(f"wall.post:{me.id}", limit=POSTS_PER_HOUR, window=HOUR)).allowed:
        errors.add("body", N_("You have posted a lot in the last hour. Please wait a little before posting again."))
    if errors:
        return await _feed_response(request, "feed", None, errors=errors, values=values)
    new = NewPost(
        me.id, site_of(request).code, audience, body, group_id, group_name, tuple(photos), values["photo_alt"]
    )
    post_id = await create_post(new)
    stored = await Post.select().where(Post.id == post_id).first()
    if stored is not None:
        await emit_post(request, stored)
    return flash(Redirect(f"/wall/#post-{post_id}", status_code=303), _("Your post is published."))


@get("/members/{member_id:int}/", name="wall:member", opt=OPT)
async def member_wall(request: Req, member_id: FromPath[int], before: FromQuery[int | None] = None) -> Response[Any]:
    me = current_member(request)
    site = site_of(request).code
    author = await get_member(member_id)
    if author is None or author.site != site or await allowed(request, "friends.blocked", member_id):
        raise NotFoundException()
    mine = author.id == me.id
    friend = mine or await allowed(request, "friends.is_friend", member_id)
    audiences = ("friends", "members") if friend else ("members",)
    rows = await feeds.member_page(member_id, audiences, site=site, before=before, include_hidden=mine)
    more = len(rows) > feeds.PAGE_SIZE
    rows = rows[: feeds.PAGE_SIZE]
    context = {
        "author": author,
        "mine": mine,
        "posts": await decorate_posts(request, rows),
        "next_cursor": rows[-1]["id"] if more and rows else None,
        "view": "member",
        "before": before,
        "base_path": f"/wall/members/{member_id}/",
    }
    if is_htmx(request) and before is not None:
        return await render(request, "wall/fragments/_feed_page.html", context)
    return await render(request, "wall/pages/member.html", context)


router = Router(
    "/wall",
    route_handlers=[feed_page, create, member_wall, *post_handlers, *moderation_handlers, *api_handlers],
    opt={"plugin": "wall"},
)
