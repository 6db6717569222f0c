"""Threads and replies (no web framework here).

Writing in a thread subscribes the writer to it. Deleting a thread's
opening message deletes the thread, as its author's words frame every reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from core.api import transaction
from plugins.groups.tables import Group, Reply, ReplyVersion, Subscription, Thread

__all__ = [
    "REPLIES_PER_PAGE",
    "add_reply",
    "create_thread",
    "delete_reply",
    "edit_reply",
    "page_of_reply",
    "set_flag",
    "subscribe",
    "subscribed",
    "subscribers",
    "threads_of_group",
]

REPLIES_PER_PAGE = 30
THREADS_PER_PAGE = 25


def _now() -> datetime:
    return datetime.now(UTC)


async def subscribe(thread_id: int, member_id: int, on: bool = True) -> None:
    key = f"{thread_id}:{member_id}"
    if on:
        if not await Subscription.exists().where(Subscription.subscription_key == key):
            await Subscription.insert(Subscription(thread=thread_id, member=member_id, subscription_key=key))
    else:
        await Subscription.delete().where(Subscription.subscription_key == key)


async def subscribed(thread_id: int, member_id: int) -> bool:
    return bool(await Subscription.exists().where(Subscription.subscription_key == f"{thread_id}:{member_id}"))


async def subscribers(thread_id: int) -> list[int]:
    return [r["member"] for r in await Subscription.select(Subscription.member).where(Subscription.thread == thread_id)]


async def create_thread(group_id: int, author: int, title: str, body: str) -> tuple[int, int]:
    """A new thread and its opening message; returns (thread id, reply id)."""
    now = _now()
    async with transaction():
        rows = await Thread.insert(
            Thread(group=group_id, author=author, title=title, created_at=now, last_activity_at=now)
        ).returning(Thread.id)
        thread_id = int(rows[0]["id"])
        reply = await Reply.insert(
            Reply(thread=thread_id, author=author, body=body, opening=True, created_at=now)
        ).returning(Reply.id)
        await Group.update({Group.thread_count: Group.thread_count + 1}).where(Group.id == group_id)
        await subscribe(thread_id, author)
    return thread_id, int(reply[0]["id"])


async def add_reply(thread_id: int, author: int, body: str, quote_id: int | None) -> int:
    now = _now()
    async with transaction():
        rows = await Reply.insert(
            Reply(thread=thread_id, author=author, body=body, quote_id=quote_id, created_at=now)
        ).returning(Reply.id)
        await Thread.update({Thread.reply_count: Thread.reply_count + 1, Thread.last_activity_at: now}).where(
            Thread.id == thread_id
        )
        await subscribe(thread_id, author)
    return int(rows[0]["id"])


async def edit_reply(reply: dict[str, Any], body: str) -> bool:
    if body == reply["body"]:
        return False
    async with transaction():
        written = reply["edited_at"] or reply["created_at"]
        await ReplyVersion.insert(ReplyVersion(reply=reply["id"], body=reply["body"], written_at=written))
        await Reply.update({Reply.body: body, Reply.edited_at: _now()}).where(Reply.id == reply["id"])
    return True


async def delete_reply(reply: dict[str, Any], thread: dict[str, Any]) -> bool:
    """Delete a message; returns True when the whole thread went with its opening message."""
    async with transaction():
        if reply["opening"]:
            await Thread.delete().where(Thread.id == thread["id"])
            await Group.update({Group.thread_count: Group.thread_count - 1}).where(Group.id == thread["group"])
            return True
        await Reply.delete().where(Reply.id == reply["id"])
        await Thread.update({Thread.reply_count: Thread.reply_count - 1}).where(Thread.id == thread["id"])
    return False


async def set_flag(thread_id: int, flag: str, value: bool) -> None:
    column = Thread.pinned if flag == "pinned" else Thread.locked
    await Thread.update({column: value}).where(Thread.id == thread_id)


async def threads_of_group(
    group_id: int, page: int, exclude_authors: Sequence[int]
) -> tuple[list[dict[str, Any]], bool]:
    """Pinned threads first, then by last activity; (page rows, has a next page)."""
    query = Thread.select().where(Thread.group == group_id)
    if exclude_authors:
        query = query.where(Thread.author.not_in(list(exclude_authors)))
    rows = await (
        query.order_by(Thread.pinned, ascending=False)
        .order_by(Thread.last_activity_at, ascending=False)
        .offset((page - 1) * THREADS_PER_PAGE)
        .limit(THREADS_PER_PAGE + 1)
    )
    return list(rows[:THREADS_PER_PAGE]), len(rows) > THREADS_PER_PAGE


async def page_of_reply(reply: dict[str, Any]) -> int:
    """The page of its thread a message is on (for permalinks)."""
    before = await Reply.count().where((Reply.thread == reply["thread"]) & (Reply.id < reply["id"]))
    return before // REPLIES_PER_PAGE + 1
