"""From events to stored notifications: who may be told, and the live badge.

A notify entry is kept only when its recipient is a member of the event's
edition, is not the actor, and is not in a block with the actor (asked
through ``friends.blocked``; nobody is blocked when no plugin answers).
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.api import Event, get_members, publish_badge, related
from plugins.notifications import services

__all__ = ["BADGE", "deliver", "refresh_badges"]

BADGE = "notifications.list"


async def refresh_badges(member_ids: list[int]) -> None:
    for member_id, count in (await services.unread_counts(member_ids)).items():
        await publish_badge(member_id, BADGE, count)


async def deliver(event: Event) -> int:
    """Store the event's notify entries; returns how many were kept."""
    entries = services.parse_notify(event.payload.get("notify"))
    if not entries:
        return 0
    members = await get_members({e.member_id for e in entries})
    blocked: dict[int, set[int]] = {}
    kept = []
    for entry in entries:
        recipient = members.get(entry.member_id)
        if recipient is None or recipient.site != event.site or entry.member_id == entry.actor_id:
            continue
        if entry.actor_id is not None:
            if entry.member_id not in blocked:
                blocked[entry.member_id] = {
                    int(i) for i in await related(event.site, "friends.blocked", entry.member_id)
                }
            if entry.actor_id in blocked[entry.member_id]:
                continue
        kept.append(entry)
    changed = await services.store(event.site, kept, datetime.now(UTC))
    await refresh_badges(changed)
    return len(kept)
