"""The post page (post, comments, comment form), shared by post and comment routes."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response

from core.api import current_member, gettext_for, locale_of, related, render, site_of
from plugins.wall import feed as feeds
from plugins.wall.access import blocked_ids, can_comment, is_moderator
from plugins.wall.forms import FormErrors
from plugins.wall.tables import Comment
from plugins.wall.view import decorate_comments, decorate_posts

__all__ = ["COMMENTS_PER_PAGE", "feed_rows", "post_page_response", "visible_comments"]

COMMENTS_PER_PAGE = 50
Req = Request[Any, Any, Any]


async def visible_comments(request: Req, post_id: int, *, after: int | None, limit: int) -> list[dict[str, Any]]:
    """Comments of a post the viewer may see, oldest first, from the ``after`` cursor."""
    me = current_member(request)
    query = Comment.select().where(Comment.post == post_id)
    blocked = await blocked_ids(request, me.id)
    if blocked:
        query = query.where(Comment.author.not_in(sorted(blocked)))
    if not await is_moderator(request):
        query = query.where((Comment.hidden == False) | (Comment.author == me.id))  # noqa: E712
    if after is not None:
        query = query.where(Comment.id > after)
    return await decorate_comments(request, await query.order_by(Comment.id).limit(limit))


async def post_page_response(
    request: Req,
    post_row: dict[str, Any],
    *,
    after: int | None = None,
    errors: FormErrors | None = None,
    comment_text: str = "",
) -> Response[Any]:
    (decorated,) = await decorate_posts(request, [post_row])
    comments = await visible_comments(request, post_row["id"], after=after, limit=COMMENTS_PER_PAGE + 1)
    context = {
        "post": decorated,
        "comments": comments[:COMMENTS_PER_PAGE],
        "next_after": comments[COMMENTS_PER_PAGE - 1]["id"] if len(comments) > COMMENTS_PER_PAGE else None,
        "after": after,
        "can_comment": await can_comment(request, post_row),
        "moderator": await is_moderator(request),
        "errors": (errors or FormErrors()).translated(gettext_for(request).gettext, locale_of(request)),
        "comment_text": comment_text,
    }
    return await render(request, "wall/pages/post.html", context, status=400 if errors else 200)


async def feed_rows(request: Req, view: str, before: int | None) -> tuple[list[dict[str, Any]], int | None]:
    """One page of the feed (``view="feed"``) or of the edition's public posts, and the next cursor."""
    me = current_member(request)
    site = site_of(request).code
    blocked = await blocked_ids(request, me.id)
    if view == "edition":
        rows = await feeds.edition_page(site, before=before, exclude_authors=blocked)
    else:
        friends = [int(i) for i in await related(request, "friends.friends", me.id)]
        groups = [int(i) for i in await related(request, "groups.memberships", me.id)]
        rows = await feeds.feed_page([me.id, *friends], groups, site=site, before=before, exclude_authors=blocked)
    more = len(rows) > feeds.PAGE_SIZE
    rows = rows[: feeds.PAGE_SIZE]
    return await decorate_posts(request, rows), (rows[-1]["id"] if more and rows else None)
