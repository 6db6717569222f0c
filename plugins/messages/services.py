"""Conversations, messages, read markers and unread counts (no web framework here).

Unread counts are kept per participant row (incremented when a message
arrives, zeroed when the member reads), so the navigation badge is one
indexed ``SUM`` per page. Authorisation lives in :mod:`plugins.messages.access`;
functions here trust the ids they are given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from piccolo.query.functions.aggregate import Max

from core.api import prepared, transaction
from plugins.messages.tables import Conversation, Message, Participant

__all__ = [
    "INBOX_PAGE",
    "MAX_BODY",
    "MAX_PARTICIPANTS",
    "MAX_SUBJECT",
    "PAGE",
    "Thread",
    "find_existing",
    "inbox",
    "leave",
    "load_thread",
    "mark_read",
    "messages_after",
    "messages_before",
    "post_message",
    "start_conversation",
    "unread_total",
    "unread_totals",
    "zero_unread_between",
]

MAX_PARTICIPANTS = 20
MAX_BODY = 10_000
MAX_SUBJECT = 120
PAGE = 50
INBOX_PAGE = 20


@dataclass(frozen=True)
class Thread:
    """A conversation as one participant sees it."""

    id: int
    site: str
    subject: str
    is_group: bool
    last_message_at: datetime
    me: dict[str, Any]
    participants: list[dict[str, Any]] = field(default_factory=list)

    @property
    def others(self) -> list[dict[str, Any]]:
        """Other participants still in the conversation (erased members included, as "deleted member")."""
        return [p for p in self.participants if p["id"] != self.me["id"] and p["left_at"] is None]

    @property
    def other_ids(self) -> list[int]:
        return [int(p["member"]) for p in self.others if p["member"] is not None]


async def load_thread(conversation_id: int, member_id: int, site: str) -> Thread | None:
    """The conversation if ``member_id`` is an active participant on ``site``, else None."""
    conv = await Conversation.select().where((Conversation.id == conversation_id) & (Conversation.site == site)).first()
    if conv is None:
        return None
    parts = await Participant.select().where(Participant.conversation == conversation_id).order_by(Participant.id)
    me = next((p for p in parts if p["member"] == member_id and p["left_at"] is None), None)
    if me is None:
        return None
    return Thread(
        id=conv["id"],
        site=conv["site"],
        subject=conv["subject"],
        is_group=conv["is_group"],
        last_message_at=conv["last_message_at"],
        me=me,
        participants=parts,
    )


async def find_existing(site: str, member_ids: set[int], subject: str) -> int | None:
    """A conversation on ``site`` whose active participants are exactly ``member_ids``, same subject."""
    first = min(member_ids)
    candidates = await Participant.select(Participant.conversation, Participant.conversation.subject).where(
        (Participant.member == first) & (Participant.left_at.is_null()) & (Participant.conversation.site == site)
    )
    wanted = subject.casefold()
    candidates = [c for c in candidates if c["conversation.subject"].casefold() == wanted]
    ids = [c["conversation"] for c in candidates]
    if not ids:
        return None
    rows = await Participant.select(Participant.conversation, Participant.member).where(
        Participant.conversation.is_in(ids) & Participant.left_at.is_null()
    )
    members: dict[int, set[int | None]] = {}
    for row in rows:
        members.setdefault(row["conversation"], set()).add(row["member"])
    matching = [cid for cid, found in members.items() if found == member_ids]
    return max(matching) if matching else None


async def start_conversation(
    site: str, sender_id: int, recipient_ids: list[int], subject: str, body: str, now: datetime
) -> tuple[int, int]:
    """Create a conversation with its first message; returns (conversation id, message id)."""
    async with transaction(Conversation._meta.db):
        conv = Conversation(
            site=site,
            subject=subject,
            is_group=len(recipient_ids) > 1,
            created_at=now,
            last_message_at=now,
        )
        await conv.save()
        await Participant.insert(
            *(
                Participant(conversation=conv.id, member=mid, joined_at=now, last_read_id=0, unread=0)
                for mid in [sender_id, *recipient_ids]
            )
        )
        message_id = await _insert_message(conv.id, sender_id, body, now, hidden_from=set())
    return int(conv.id), message_id


async def post_message(conversation_id: int, sender_id: int, body: str, now: datetime, hidden_from: set[int]) -> int:
    """Add a message; recipients in ``hidden_from`` (blocks) do not count it as unread."""
    async with transaction(Conversation._meta.db):
        return await _insert_message(conversation_id, sender_id, body, now, hidden_from)


async def _insert_message(conversation_id: int, sender_id: int, body: str, now: datetime, hidden_from: set[int]) -> int:
    message = Message(conversation=conversation_id, sender=sender_id, body=body, created_at=now)
    await message.save()
    await Conversation.update({Conversation.last_message_at: now}).where(Conversation.id == conversation_id)
    await Participant.update({Participant.last_read_id: message.id, Participant.unread: 0}).where(
        (Participant.conversation == conversation_id) & (Participant.member == sender_id)
    )
    recipients = (
        (Participant.conversation == conversation_id)
        & (Participant.member != sender_id)
        & Participant.member.is_not_null()
        & Participant.left_at.is_null()
    )
    if hidden_from:
        recipients &= Participant.member.not_in(sorted(hidden_from))
    await Participant.update({Participant.unread: Participant.unread + 1}).where(recipients)
    return int(message.id)


def _visible(conversation_id: int, hidden_senders: Iterable[int]) -> Any:
    where = Message.conversation == conversation_id
    hidden = sorted(set(hidden_senders))
    return where & Message.sender.not_in(hidden) if hidden else where


async def messages_before(
    conversation_id: int, hidden_senders: Iterable[int], before: int | None = None, limit: int = PAGE
) -> tuple[list[dict[str, Any]], bool]:
    """The latest ``limit`` messages (older than ``before``), oldest first, and whether more exist."""
    where = _visible(conversation_id, hidden_senders)
    if before:
        where &= Message.id < before
    rows = await Message.select().where(where).order_by(Message.id, ascending=False).limit(limit + 1)
    return list(reversed(rows[:limit])), len(rows) > limit


async def messages_after(
    conversation_id: int, hidden_senders: Iterable[int], after: int, limit: int = PAGE
) -> list[dict[str, Any]]:
    """Messages newer than ``after``, oldest first (live updates)."""
    where = _visible(conversation_id, hidden_senders) & (Message.id > after)
    return list(await Message.select().where(where).order_by(Message.id).limit(limit))


async def mark_read(thread: Thread, upto_id: int) -> bool:
    """Move the viewer's read marker to ``upto_id``; True when it moved or unread was cleared."""
    me = thread.me
    if upto_id <= me["last_read_id"] and me["unread"] == 0:
        return False
    await Participant.update({Participant.last_read_id: max(upto_id, me["last_read_id"]), Participant.unread: 0}).where(
        Participant.id == me["id"]
    )
    return True


#: The member's conversations with unread messages: the navigation badge on every signed-in page, built once.
_UNREAD = prepared(
    lambda p: Participant.select(Participant.member, Participant.unread).where(
        Participant.member.is_in([p.member_id]) & Participant.left_at.is_null() & (Participant.unread > 0)
    )
)


async def unread_total(member_id: int) -> int:
    """Unread messages over every conversation the member is still in (the badge)."""
    return sum(row["unread"] for row in await _UNREAD.rows(member_id=member_id))


async def unread_totals(member_ids: Iterable[int]) -> dict[int, int]:
    ids = sorted(set(member_ids))
    if not ids:
        return {}
    rows = await Participant.select(Participant.member, Participant.unread).where(
        Participant.member.is_in(ids) & Participant.left_at.is_null() & (Participant.unread > 0)
    )
    totals = dict.fromkeys(ids, 0)
    for row in rows:
        totals[row["member"]] += row["unread"]
    return totals


async def inbox(member_id: int, site: str, page: int, hidden: set[int]) -> tuple[list[dict[str, Any]], bool]:
    """One page of the member's conversations, latest activity first, with participants and last message.

    One-to-one conversations with a member in ``hidden`` (blocks) are left out.
    """
    mine = await Participant.select(Participant.conversation, Participant.unread, Participant.last_read_id).where(
        (Participant.member == member_id) & Participant.left_at.is_null() & (Participant.conversation.site == site)
    )
    by_conv = {r["conversation"]: r for r in mine}
    if not by_conv:
        return [], False
    people = await Participant.select(
        Participant.conversation, Participant.member, Participant.erased, Participant.left_at
    ).where(Participant.conversation.is_in(sorted(by_conv)))
    others: dict[int, list[dict[str, Any]]] = {}
    for p in people:
        if p["member"] != member_id and p["left_at"] is None:
            others.setdefault(p["conversation"], []).append(p)
    convs = (
        await Conversation.select()
        .where(Conversation.id.is_in(sorted(by_conv)))
        .order_by(Conversation.last_message_at, ascending=False)
    )
    visible = [c for c in convs if c["is_group"] or not any(p["member"] in hidden for p in others.get(c["id"], []))]
    start = (page - 1) * INBOX_PAGE
    chosen = visible[start : start + INBOX_PAGE]
    last = await _last_messages([c["id"] for c in chosen], hidden)
    items = [
        {
            **conv,
            "unread": by_conv[conv["id"]]["unread"],
            "others": others.get(conv["id"], []),
            "last": last.get(conv["id"]),
        }
        for conv in chosen
    ]
    return items, len(visible) > start + INBOX_PAGE


async def _last_messages(conversation_ids: list[int], hidden: set[int]) -> dict[int, dict[str, Any]]:
    if not conversation_ids:
        return {}
    where = Message.conversation.is_in(conversation_ids)
    if hidden:
        where &= Message.sender.not_in(sorted(hidden))
    latest = (
        await Message.select(Message.conversation, Max(Message.id, alias="last_id"))
        .where(where)
        .group_by(Message.conversation)
    )
    ids = [r["last_id"] for r in latest]
    if not ids:
        return {}
    rows = await Message.select().where(Message.id.is_in(ids))
    return {r["conversation"]: r for r in rows}


async def leave(thread: Thread, now: datetime) -> None:
    """Leave a group conversation: no more reading, posting or unread count."""
    await Participant.update({Participant.left_at: now, Participant.unread: 0}).where(Participant.id == thread.me["id"])


async def zero_unread_between(member_a: int, member_b: int) -> None:
    """A block hides their one-to-one conversations: their unread counts go too."""
    mine = await Participant.select(Participant.conversation).where(
        (Participant.member == member_a) & (Participant.conversation.is_group == False)  # noqa: E712 - SQL
    )
    ids = [r["conversation"] for r in mine]
    if not ids:
        return
    shared = await Participant.select(Participant.conversation).where(
        Participant.conversation.is_in(ids) & (Participant.member == member_b)
    )
    both = [r["conversation"] for r in shared]
    if both:
        await Participant.update({Participant.unread: 0}).where(Participant.conversation.is_in(both))
