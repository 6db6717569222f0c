"""JSON views of the feed and of one post (same access rules as the pages)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromPath, FromQuery

from plugins.wall.access import post_or_404
from plugins.wall.pages import feed_rows, visible_comments
from plugins.wall.view import decorate_posts, post_json

__all__ = ["api_handlers"]

OPT = {"login": True}
Req = Request[Any, Any, Any]


@get("/api/feed", name="wall:api_feed", opt=OPT)
async def api_feed(request: Req, before: FromQuery[int | None] = None, view: FromQuery[str] = "feed") -> dict[str, Any]:
    """A page of the feed: ``next`` is the cursor of the following page (or null)."""
    posts, next_cursor = await feed_rows(request, "edition" if view == "edition" else "feed", before)
    return {"posts": [post_json(p) for p in posts], "next": next_cursor}


@get("/api/posts/{post_id:int}", name="wall:api_post", opt=OPT)
async def api_post(request: Req, post_id: FromPath[int], after: FromQuery[int | None] = None) -> dict[str, Any]:
    """One post and up to 100 of its comments after the ``after`` cursor."""
    row = await post_or_404(request, post_id)
    (decorated,) = await decorate_posts(request, [row])
    comments = await visible_comments(request, post_id, after=after, limit=100)
    return post_json(decorated) | {
        "comment_list": [
            {
                "id": c["id"],
                "author": {"id": c["author_view"]["id"], "pseudonym": c["author_view"]["pseudonym"]},
                "text": c["body"],
                "html": str(c["html"]),
                "created_at": c["when"]["iso"],
                "edited_at": c["edited_when"]["iso"] or None,
            }
            for c in comments
            if not c["hidden"]
        ]
    }


api_handlers = [api_feed, api_post]
