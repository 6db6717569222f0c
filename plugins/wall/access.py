"""Who may see and act on a post or a comment.

Every object route goes through :func:`post_or_404` or
:func:`comment_or_404`: a member without access gets the same 404 as for a
post that does not exist, so ids reveal nothing. Friendship, blocks and
group membership are decided by other plugins through ``core.api.allowed``;
when no plugin answers, nobody is a friend, nobody is blocked and no group
is readable, so friends-only and group posts stay with their author.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException

from core.api import MemberView, allowed, current_member, related, site_of
from plugins.wall.tables import Comment, Post

__all__ = [
    "AUDIENCES",
    "blocked_ids",
    "can_comment",
    "can_read",
    "comment_or_404",
    "is_moderator",
    "may_read_as",
    "post_or_404",
]

AUDIENCES = ("friends", "members", "group")
Req = Request[Any, Any, Any]


async def is_moderator(request: Req) -> bool:
    """Moderators of this edition and operators (``core.moderate``)."""
    me = current_member(request)
    if not await allowed(request, "core.moderate"):
        return False
    return me.has_role("operator") or me.site == site_of(request).code


async def blocked_ids(request: Req, member_id: int) -> set[int]:
    """Members the viewer blocked or is blocked by (empty without a friends plugin)."""
    return {int(i) for i in await related(request, "friends.blocked", member_id)}


async def may_read_as(request: Req, member: MemberView, post: dict[str, Any]) -> bool:
    """Whether ``member`` may read ``post`` (used for the viewer and for @mentioned members)."""
    code = site_of(request).code
    if post["site"] != code or (member.site != code and not member.has_role("operator")):
        return False
    if member.id == post["author"]:
        return True
    if post["hidden"]:
        return False
    if await allowed(request, "friends.blocked", post["author"], member=member):
        return False
    if post["audience"] == "members":
        return True
    if post["audience"] == "friends":
        return await allowed(request, "friends.is_friend", post["author"], member=member)
    if post["audience"] == "group" and post["group_id"] is not None:
        return await allowed(request, "groups.read", post["group_id"], member=member)
    return False


async def can_read(request: Req, post: dict[str, Any]) -> bool:
    """The viewer reads the post, or moderates a post someone reported."""
    if await may_read_as(request, current_member(request), post):
        return True
    return post["site"] == site_of(request).code and await _reported(post["id"]) and await is_moderator(request)


async def _reported(post_id: int) -> bool:
    from plugins.wall.tables import Report

    return bool(await Report.exists().where(Report.post == post_id))


async def can_comment(request: Req, post: dict[str, Any]) -> bool:
    """Readers comment; in a group, only those who may post there."""
    me = current_member(request)
    if not await may_read_as(request, me, post) or post["hidden"]:
        return False
    if post["audience"] == "group":
        return await allowed(request, "groups.post", post["group_id"])
    return True


async def post_or_404(request: Req, post_id: int) -> dict[str, Any]:
    """The post if the viewer may read it, else 404 (same answer as "no such post")."""
    post = await Post.select().where(Post.id == post_id).first()
    if post is None or not await can_read(request, post):
        raise NotFoundException()
    return post  # type: ignore[no-any-return]


async def comment_or_404(request: Req, comment_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The comment and its post if the viewer may read both, else 404."""
    comment = await Comment.select().where(Comment.id == comment_id).first()
    if comment is None:
        raise NotFoundException()
    post = await post_or_404(request, comment["post"])
    me = current_member(request)
    if comment["author"] != me.id:
        hidden_from_me = comment["hidden"] and not await is_moderator(request)
        if hidden_from_me or await allowed(request, "friends.blocked", comment["author"]):
            raise NotFoundException()
    return comment, post
