"""Events the wall emits, with ``notify`` entries for the notifications plugin.

Mentions (``@pseudonym``) notify the member named, but only when that member
may read the post: a mention never reveals a friends-only post to a
stranger.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from core.api import N_, Event, MemberView, emit, mentioned_members, site_of
from plugins.wall.access import may_read_as

__all__ = ["MAX_MENTIONS", "emit_comment", "emit_like", "emit_post"]

MAX_MENTIONS = 10

MSG_MENTION_POST = N_("%(actor)s mentioned you in a post")
MSG_MENTION_COMMENT = N_("%(actor)s mentioned you in a comment")
MSG_COMMENT = N_("%(actor)s commented on your post")
MSG_LIKE = N_("%(actor)s liked your post")


async def _mentioned(request: Request[Any, Any, Any], text: str, post: dict[str, Any], actor: int) -> list[MemberView]:
    """Members mentioned who may read the post (a mention never reveals a post to a stranger)."""
    found = []
    for member in await mentioned_members(text, site_of(request).code, limit=MAX_MENTIONS):
        if member.id != actor and await may_read_as(request, member, post):
            found.append(member)
    return found


def _entry(member_id: int, kind: str, actor: int, url: str, msgid: str) -> dict[str, Any]:
    return {"member_id": member_id, "kind": kind, "actor_id": actor, "url": url, "msgid": msgid, "params": {}}


async def emit_post(request: Request[Any, Any, Any], post: dict[str, Any]) -> None:
    url = f"/wall/posts/{post['id']}"
    notify = [
        _entry(m.id, "wall.mention", post["author"], url, MSG_MENTION_POST)
        for m in await _mentioned(request, post["body"], post, post["author"])
    ]
    payload = {"post_id": post["id"], "audience": post["audience"], "group_id": post["group_id"], "notify": notify}
    await emit(request, Event("wall.post.created", site_of(request).code, post["author"], payload))


async def emit_comment(
    request: Request[Any, Any, Any], post: dict[str, Any], comment_id: int, actor: int, body: str
) -> None:
    url = f"/wall/posts/{post['id']}#comment-{comment_id}"
    notify: list[dict[str, Any]] = []
    if post["author"] != actor:
        notify.append(_entry(post["author"], "wall.comment", actor, url, MSG_COMMENT))
    for member in await _mentioned(request, body, post, actor):
        if member.id != post["author"]:
            notify.append(_entry(member.id, "wall.mention", actor, url, MSG_MENTION_COMMENT))
    payload = {"post_id": post["id"], "comment_id": comment_id, "notify": notify}
    await emit(request, Event("wall.comment.created", site_of(request).code, actor, payload))


async def emit_like(request: Request[Any, Any, Any], post: dict[str, Any], actor: int) -> None:
    notify = (
        []
        if post["author"] == actor
        else [_entry(post["author"], "wall.like", actor, f"/wall/posts/{post['id']}", MSG_LIKE)]
    )
    payload = {"post_id": post["id"], "notify": notify}
    await emit(request, Event("wall.post.liked", site_of(request).code, actor, payload))
