"""Friendship rules and storage (no web framework here).

Every function takes member ids (or :class:`core.api.MemberView`) and
answers from the three tables. Rules enforced here, whatever the caller:
one pending request per pair, no request to oneself, to a member of another
edition, to a friend, or between members when either blocked the other;
blocking ends the friendship and drops pending requests both ways.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.api import N_, MemberView, prepared, transaction
from plugins.friends.tables import Block, FriendRequest, Friendship

__all__ = [
    "UNKNOWN",
    "RequestRefused",
    "Status",
    "accept",
    "block",
    "blocked_ids",
    "cancel",
    "decline",
    "erase_member",
    "export_member",
    "friend_ids",
    "friends_page",
    "incoming",
    "incoming_count",
    "is_blocked",
    "is_friend",
    "my_blocks",
    "outgoing",
    "pending_ids",
    "remove",
    "send_request",
    "status",
    "unblock",
]

#: Refusal for an unknown member, one of another edition, or one who blocked the viewer.
UNKNOWN = N_("No member with this pseudonym on this edition.")

#: A member may have this many requests waiting for an answer (spam brake).
MAX_PENDING_OUT = 50


class RequestRefused(Exception):
    """A request that must not be stored; ``msgid`` says why (``%(name)s`` = the other member)."""

    def __init__(self, msgid: str) -> None:
        super().__init__(msgid)
        self.msgid = msgid


@dataclass(frozen=True)
class Status:
    """How the viewer stands with another member (drives the buttons shown)."""

    state: str  # "self" | "friends" | "outgoing" | "incoming" | "blocked" | "none"
    request_id: int | None = None


def _pair(a: int, b: int) -> str:
    low, high = sorted((int(a), int(b)))
    return f"{low}:{high}"


def _now() -> datetime:
    return datetime.now(UTC)


async def is_friend(a: int, b: int) -> bool:
    return bool(await Friendship.exists().where(Friendship.pair_key == f"{int(a)}:{int(b)}"))


async def is_blocked(a: int, b: int) -> bool:
    """Whether either member blocked the other."""
    keys = [f"{int(a)}:{int(b)}", f"{int(b)}:{int(a)}"]
    return bool(await Block.exists().where(Block.block_key.is_in(keys)))


async def friend_ids(member_id: int) -> list[int]:
    rows = await Friendship.select(Friendship.friend).where(Friendship.member == member_id)
    return [int(r["friend"]) for r in rows]


async def blocked_ids(member_id: int) -> list[int]:
    """Ids the member blocked or is blocked by (to hide both ways)."""
    mine = await Block.select(Block.blocked).where(Block.blocker == member_id)
    theirs = await Block.select(Block.blocker).where(Block.blocked == member_id)
    return sorted({int(r["blocked"]) for r in mine} | {int(r["blocker"]) for r in theirs})


async def pending_ids(member_id: int) -> list[int]:
    """Ids with a pending request from or to the member."""
    sent = await FriendRequest.select(FriendRequest.recipient).where(FriendRequest.sender == member_id)
    got = await FriendRequest.select(FriendRequest.sender).where(FriendRequest.recipient == member_id)
    return sorted({int(r["recipient"]) for r in sent} | {int(r["sender"]) for r in got})


async def status(viewer_id: int, other_id: int) -> Status:
    if viewer_id == other_id:
        return Status("self")
    if await is_blocked(viewer_id, other_id):
        return Status("blocked")
    if await is_friend(viewer_id, other_id):
        return Status("friends")
    row = await FriendRequest.select().where(FriendRequest.pair_key == _pair(viewer_id, other_id)).first()
    if row is None:
        return Status("none")
    return Status("outgoing" if row["sender"] == viewer_id else "incoming", int(row["id"]))


async def send_request(viewer: MemberView, other: MemberView | None) -> int:
    """Store a request from ``viewer`` to ``other`` and return its id.

    Raises:
        RequestRefused: Nothing stored. A member who blocked the viewer, or
            one of another edition, is refused exactly like an unknown one.
    """
    if (
        other is None
        or other.site != viewer.site
        or await Block.exists().where(Block.block_key == f"{other.id}:{viewer.id}")
    ):
        raise RequestRefused(UNKNOWN)
    current = await status(viewer.id, other.id)
    refusals = {
        "self": N_("You cannot send a friend request to yourself."),
        "blocked": N_("You blocked %(name)s. Unblock them first to send a request."),
        "friends": N_("You are already friends with %(name)s."),
        "outgoing": N_("You have already sent a friend request to %(name)s."),
        "incoming": N_("%(name)s has already sent you a friend request: accept it below."),
    }
    if current.state in refusals:
        raise RequestRefused(refusals[current.state])
    if await FriendRequest.count().where(FriendRequest.sender == viewer.id) >= MAX_PENDING_OUT:
        raise RequestRefused(N_("You have too many requests waiting for an answer. Wait for some answers first."))
    rows = await FriendRequest.insert(
        FriendRequest(
            sender=viewer.id,
            recipient=other.id,
            pair_key=_pair(viewer.id, other.id),
            site=viewer.site,
            created_at=_now(),
        )
    ).returning(FriendRequest.id)
    return int(rows[0]["id"])


async def _request_for(request_id: int, *, recipient: int | None = None, sender: int | None = None) -> Any:
    query = FriendRequest.select().where(FriendRequest.id == request_id)
    if recipient is not None:
        query = query.where(FriendRequest.recipient == recipient)
    if sender is not None:
        query = query.where(FriendRequest.sender == sender)
    return await query.first()


async def accept(viewer_id: int, request_id: int) -> int | None:
    """Accept a request addressed to the viewer; returns the sender's id, None if no such request."""
    row = await _request_for(request_id, recipient=viewer_id)
    if row is None:
        return None
    sender, now = int(row["sender"]), _now()
    async with transaction(Friendship._meta.db):
        await FriendRequest.delete().where(FriendRequest.id == request_id)
        await Friendship.insert(
            Friendship(
                member=viewer_id, friend=sender, pair_key=f"{viewer_id}:{sender}", site=row["site"], created_at=now
            ),
            Friendship(
                member=sender, friend=viewer_id, pair_key=f"{sender}:{viewer_id}", site=row["site"], created_at=now
            ),
        )
    return sender


async def decline(viewer_id: int, request_id: int) -> int | None:
    """Decline a request addressed to the viewer (the sender is not told); returns the sender."""
    row = await _request_for(request_id, recipient=viewer_id)
    if row is None:
        return None
    await FriendRequest.delete().where(FriendRequest.id == request_id)
    return int(row["sender"])


async def cancel(viewer_id: int, request_id: int) -> int | None:
    """Withdraw a request the viewer sent; returns the recipient, None if no such request."""
    row = await _request_for(request_id, sender=viewer_id)
    if row is None:
        return None
    await FriendRequest.delete().where(FriendRequest.id == request_id)
    return int(row["recipient"])


async def remove(viewer_id: int, other_id: int) -> bool:
    """End a friendship (both rows); False when they were not friends."""
    if not await is_friend(viewer_id, other_id):
        return False
    await Friendship.delete().where(Friendship.pair_key.is_in([f"{viewer_id}:{other_id}", f"{other_id}:{viewer_id}"]))
    return True


async def block(viewer: MemberView, other_id: int) -> None:
    """Block: end the friendship and pending requests, then hide both ways."""
    async with transaction(Block._meta.db):
        await Friendship.delete().where(
            Friendship.pair_key.is_in([f"{viewer.id}:{other_id}", f"{other_id}:{viewer.id}"])
        )
        await FriendRequest.delete().where(FriendRequest.pair_key == _pair(viewer.id, other_id))
        key = f"{viewer.id}:{other_id}"
        if not await Block.exists().where(Block.block_key == key):
            await Block.insert(
                Block(blocker=viewer.id, blocked=other_id, block_key=key, site=viewer.site, created_at=_now())
            )


async def unblock(viewer_id: int, other_id: int) -> bool:
    """Lift the viewer's own block (a block by the other side stays)."""
    key = f"{viewer_id}:{other_id}"
    if not await Block.exists().where(Block.block_key == key):
        return False
    await Block.delete().where(Block.block_key == key)
    return True


async def friends_page(member_id: int, *, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """One page of friendships (friend id, since), newest first, and the total."""
    total = await Friendship.count().where(Friendship.member == member_id)
    rows = (
        await Friendship.select(Friendship.friend, Friendship.created_at)
        .where(Friendship.member == member_id)
        .order_by(Friendship.created_at, ascending=False)
        .order_by(Friendship.id, ascending=False)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total)


async def incoming(member_id: int) -> list[dict[str, Any]]:
    return list(
        await FriendRequest.select(FriendRequest.id, FriendRequest.sender, FriendRequest.created_at)
        .where(FriendRequest.recipient == member_id)
        .order_by(FriendRequest.created_at, ascending=False)
    )


#: Pending requests to the member: the navigation badge on every signed-in page, built once.
_INCOMING = prepared(lambda p: FriendRequest.count().where(FriendRequest.recipient == p.member_id))


async def incoming_count(member_id: int) -> int:
    row = await _INCOMING.first(member_id=member_id)
    return int(row["count"]) if row else 0


async def outgoing(member_id: int) -> list[dict[str, Any]]:
    return list(
        await FriendRequest.select(FriendRequest.id, FriendRequest.recipient, FriendRequest.created_at)
        .where(FriendRequest.sender == member_id)
        .order_by(FriendRequest.created_at, ascending=False)
    )


async def my_blocks(member_id: int) -> list[dict[str, Any]]:
    return list(
        await Block.select(Block.blocked, Block.created_at)
        .where(Block.blocker == member_id)
        .order_by(Block.created_at, ascending=False)
    )


async def export_member(member_id: int) -> dict[str, Any]:
    """Everything this plugin holds about the member, with the other side's id."""
    friendships = await Friendship.select(Friendship.friend, Friendship.created_at).where(
        Friendship.member == member_id
    )
    return {
        "friendships": [{"friend_id": r["friend"], "since": r["created_at"]} for r in friendships],
        "requests_sent": [
            {"to_member_id": r["recipient"], "sent_at": r["created_at"]} for r in await outgoing(member_id)
        ],
        "requests_received": [
            {"from_member_id": r["sender"], "received_at": r["created_at"]} for r in await incoming(member_id)
        ],
        "blocks": [{"blocked_member_id": r["blocked"], "since": r["created_at"]} for r in await my_blocks(member_id)],
    }


async def erase_member(member_id: int) -> None:
    """Remove the member from every friendship, request and block, both sides."""
    async with transaction(Friendship._meta.db):
        await Friendship.delete().where((Friendship.member == member_id) | (Friendship.friend == member_id))
        await FriendRequest.delete().where((FriendRequest.sender == member_id) | (FriendRequest.recipient == member_id))
        await Block.delete().where((Block.blocker == member_id) | (Block.blocked == member_id))
