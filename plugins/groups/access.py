"""Who may read, post in and moderate a group, and the 404s that follow.

Groups belong to one edition: members of another edition see none of them.
A public group is read by every member of its edition; a private one only
by its active members (its page still shows its name and description, so
that members can ask to join, but every thread and message is a 404). Only
active members post. Group moderators are members with the ``moderator``
role; the edition's moderators and operators moderate every group through
the queue and may open a message someone reported, nothing more.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException

from core.api import MemberView, allowed, current_member, site_of
from plugins.groups.tables import Group, Membership, Reply, Report, Thread

__all__ = [
    "can_post",
    "can_read",
    "group_or_404",
    "is_group_moderator",
    "is_staff",
    "membership_of",
    "readable_group_or_404",
    "reply_or_404",
    "thread_or_404",
]

Req = Request[Any, Any, Any]


async def membership_of(group_id: int, member_id: int) -> dict[str, Any] | None:
    return await Membership.select().where(Membership.membership_key == f"{group_id}:{member_id}").first()  # type: ignore[no-any-return]


def _same_edition(member: MemberView, group: dict[str, Any]) -> bool:
    return member.site == group["site"] or member.has_role("operator")


async def can_read(member: MemberView | None, group: dict[str, Any]) -> bool:
    """Answer ``groups.read``: the group's edition, and public or an active member."""
    if member is None or not _same_edition(member, group):
        return False
    if group["visibility"] == "public":
        return True
    mine = await membership_of(group["id"], member.id)
    return mine is not None and mine["status"] == "active"


async def can_post(member: MemberView | None, group: dict[str, Any]) -> bool:
    """Answer ``groups.post``: an active member of the group, on its edition."""
    if member is None or member.site != group["site"]:
        return False
    mine = await membership_of(group["id"], member.id)
    return mine is not None and mine["status"] == "active"


async def is_staff(request: Req) -> bool:
    """The edition's moderators (``core.moderate`` on their own edition) and operators."""
    me = current_member(request)
    if not await allowed(request, "core.moderate"):
        return False
    return me.has_role("operator") or me.site == site_of(request).code


async def is_group_moderator(request: Req, group: dict[str, Any]) -> bool:
    """Moderators of this group, and the edition's staff."""
    me = current_member(request)
    mine = await membership_of(group["id"], me.id)
    if mine is not None and mine["status"] == "active" and mine["role"] == "moderator":
        return True
    return group["site"] == site_of(request).code and await is_staff(request)


async def group_or_404(request: Req, group_id: int) -> dict[str, Any]:
    """A group of this edition (private ones included: their page offers to join)."""
    group = await Group.select().where(Group.id == group_id).first()
    me = current_member(request)
    if group is None or group["site"] != site_of(request).code or not _same_edition(me, group):
        raise NotFoundException()
    return group  # type: ignore[no-any-return]


async def readable_group_or_404(request: Req, group_id: int) -> dict[str, Any]:
    group = await group_or_404(request, group_id)
    if not await can_read(current_member(request), group):
        raise NotFoundException()
    return group


async def thread_or_404(request: Req, thread_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(thread, group) if the viewer reads the group and nobody in the pair blocked the other."""
    thread = await Thread.select().where(Thread.id == thread_id).first()
    if thread is None:
        raise NotFoundException()
    group = await readable_group_or_404(request, thread["group"])
    if thread["author"] != current_member(request).id and await allowed(request, "friends.blocked", thread["author"]):
        raise NotFoundException()
    return thread, group


async def _reported(reply_id: int) -> bool:
    return bool(await Report.exists().where(Report.reply == reply_id))


async def reply_or_404(request: Req, reply_id: int) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(reply, thread, group) for a reader, or for staff when the message was reported."""
    reply = await Reply.select().where(Reply.id == reply_id).first()
    if reply is None:
        raise NotFoundException()
    me = current_member(request)
    try:
        thread, group = await thread_or_404(request, reply["thread"])
    except NotFoundException:
        raw_thread = await Thread.select().where(Thread.id == reply["thread"]).first()
        raw_group = await Group.select().where(Group.id == raw_thread["group"]).first() if raw_thread else None
        staff = raw_group is not None and raw_group["site"] == site_of(request).code and await is_staff(request)
        if raw_thread is None or raw_group is None or not (staff and await _reported(reply_id)):
            raise
        return reply, raw_thread, raw_group
    if reply["author"] != me.id:
        if reply["hidden"] and not await is_group_moderator(request, group):
            raise NotFoundException()
        if await allowed(request, "friends.blocked", reply["author"]):
            raise NotFoundException()
    return reply, thread, group
