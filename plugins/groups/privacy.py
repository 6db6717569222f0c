"""Export and erase a member's groups data.

The export holds the member's memberships (and join requests), the threads
they started, every message they wrote with its earlier versions, their
subscriptions and the reports they filed. Erasure deletes all of it; the
threads they started go with their replies (the opening message frames
them), and the groups they were in are recounted.
"""

from __future__ import annotations

from typing import Any

from plugins.groups.tables import Group, Membership, Reply, ReplyVersion, Report, Subscription, Thread

__all__ = ["erase", "export"]


async def export(member_id: int) -> dict[str, Any]:
    memberships = await Membership.select(
        Membership.group, Membership.group.name, Membership.status, Membership.role, Membership.created_at
    ).where(Membership.member == member_id)
    threads = await Thread.select(Thread.id, Thread.group, Thread.title, Thread.created_at).where(
        Thread.author == member_id
    )
    replies = await Reply.select().where(Reply.author == member_id).order_by(Reply.id)
    reply_ids = [r["id"] for r in replies]
    versions = (
        await ReplyVersion.select().where(ReplyVersion.reply.is_in(reply_ids)).order_by(ReplyVersion.id)
        if reply_ids
        else []
    )
    subscriptions = await Subscription.select(Subscription.thread).where(Subscription.member == member_id)
    reports = await Report.select().where(Report.reporter == member_id).order_by(Report.id)
    return {
        "memberships": [
            {
                "group_id": m["group"],
                "group": m["group.name"],
                "status": m["status"],
                "role": m["role"],
                "since": m["created_at"],
            }
            for m in memberships
        ],
        "threads_started": [
            {"id": t["id"], "group_id": t["group"], "title": t["title"], "created_at": t["created_at"]} for t in threads
        ],
        "messages": [
            {
                "id": r["id"],
                "thread_id": r["thread"],
                "text": r["body"],
                "quotes_message": r["quote_id"],
                "created_at": r["created_at"],
                "edited_at": r["edited_at"],
            }
            for r in replies
        ],
        "message_versions": [
            {"message_id": v["reply"], "text": v["body"], "written_at": v["written_at"]} for v in versions
        ],
        "subscriptions": [{"thread_id": s["thread"]} for s in subscriptions],
        "reports_filed": [
            {
                "message_id": r["reply"],
                "reason": r["reason"],
                "note": r["note"],
                "status": r["status"],
                "created_at": r["created_at"],
            }
            for r in reports
        ],
    }


async def erase(member_id: int) -> None:
    """Runs inside core's erasure transaction (no transaction of its own)."""
    groups = {m["group"] for m in await Membership.select(Membership.group).where(Membership.member == member_id)}
    threads = await Thread.select(Thread.id, Thread.group).where(Thread.author == member_id)
    groups |= {t["group"] for t in threads}
    touched = {r["thread"] for r in await Reply.select(Reply.thread).where(Reply.author == member_id)}
    await Report.delete().where(Report.reporter == member_id)
    await Subscription.delete().where(Subscription.member == member_id)
    await Reply.delete().where(Reply.author == member_id)
    await Thread.delete().where(Thread.author == member_id)
    await Membership.delete().where(Membership.member == member_id)
    for thread_id in sorted(touched - {t["id"] for t in threads}):
        count = await Reply.count().where((Reply.thread == thread_id) & (Reply.opening == False))  # noqa: E712
        await Thread.update({Thread.reply_count: count}).where(Thread.id == thread_id)
    for group_id in sorted(groups):
        members = await Membership.count().where((Membership.group == group_id) & (Membership.status == "active"))
        threads_left = await Thread.count().where(Thread.group == group_id)
        await Group.update({Group.member_count: members, Group.thread_count: threads_left}).where(Group.id == group_id)
