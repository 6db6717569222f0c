"""Posts and comments made ready for templates and JSON.

Handlers load rows, then these helpers add what a page shows: the author's
pseudonym and avatar, the rendered Markdown, photos, whether the viewer
likes the post, and dates in the edition's language and time zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from litestar import Request

from core.api import MemberView, current_member, formats_for, get_members, render_markdown, site_of
from plugins.wall import services

__all__ = ["decorate_comments", "decorate_posts", "photo_json", "post_json", "when"]

Req = Request[Any, Any, Any]


def when(request: Req, moment: datetime | None) -> dict[str, str]:
    """``iso`` for ``<time datetime>``, ``text`` as time ago (or the date after a week), the ``full`` date and time."""
    if moment is None:
        return {"iso": "", "text": "", "full": ""}
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    fmt, tz = formats_for(request), site_of(request).tz
    return {"iso": moment.isoformat(), "text": fmt.since(moment, tz), "full": fmt.datetime(moment, tz)}


def _sized(photo: dict[str, Any], side: int = 400) -> dict[str, Any]:
    """Thumbnail size for ``width``/``height`` attributes (no layout shift while loading)."""
    scale = min(1.0, side / max(photo["width"], photo["height"], 1))
    return photo | {"thumb_width": round(photo["width"] * scale), "thumb_height": round(photo["height"] * scale)}


def _author(members: dict[int, MemberView], member_id: int) -> dict[str, Any]:
    member = members.get(member_id)
    if member is None:
        return {"id": member_id, "pseudonym": "", "avatar_url": "", "deleted": True}
    return {"id": member.id, "pseudonym": member.pseudonym, "avatar_url": member.avatar_url, "deleted": False}


async def decorate_posts(request: Req, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of ``wall_post`` → what ``wall/fragments/_post.html`` shows."""
    me = current_member(request)
    ids = [r["id"] for r in rows]
    members = await get_members({r["author"] for r in rows})
    photos = await services.photos_of(ids)
    liked = await services.liked_by(me.id, ids)
    out = []
    for row in rows:
        out.append(
            {
                **row,
                "html": render_markdown(row["body"]),
                "author_view": _author(members, row["author"]),
                "photos": [_sized(p) for p in photos.get(row["id"], [])],
                "liked": row["id"] in liked,
                "mine": row["author"] == me.id,
                "when": when(request, row["created_at"]),
                "edited_when": when(request, row["edited_at"]),
            }
        )
    return out


async def decorate_comments(request: Req, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    me = current_member(request)
    members = await get_members({r["author"] for r in rows})
    return [
        {
            **row,
            "html": render_markdown(row["body"]),
            "author_view": _author(members, row["author"]),
            "mine": row["author"] == me.id,
            "when": when(request, row["created_at"]),
            "edited_when": when(request, row["edited_at"]),
        }
        for row in rows
    ]


def photo_json(photo: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": photo["id"],
        "url": f"/wall/photos/{photo['id']}",
        "thumbnail_url": f"/wall/photos/{photo['id']}/thumb",
        "width": photo["width"],
        "height": photo["height"],
        "alt": photo["alt"],
    }


def post_json(post: dict[str, Any]) -> dict[str, Any]:
    """The JSON shape of a decorated post (no e-mail, nothing but what the page shows)."""
    return {
        "id": post["id"],
        "url": f"/wall/posts/{post['id']}",
        "author": {"id": post["author_view"]["id"], "pseudonym": post["author_view"]["pseudonym"]},
        "audience": post["audience"],
        "group": {"id": post["group_id"], "name": post["group_name"]} if post["group_id"] is not None else None,
        "text": post["body"],
        "html": str(post["html"]),
        "created_at": post["when"]["iso"],
        "edited_at": post["edited_when"]["iso"] or None,
        "likes": post["like_count"],
        "liked": post["liked"],
        "comments": post["comment_count"],
        "photos": [photo_json(p) for p in post["photos"]],
    }
