"""Live signals: tell participants' open pages that a conversation changed.

Only ids travel (see docs/live.md): an open conversation page fetches the new
messages through ``/messages/<id>/updates``, which checks that the viewer is
a participant, and the navigation badge gets the new unread count.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.api import publish, publish_badge
from plugins.messages import services

__all__ = ["BADGE", "announce", "conversation_event", "refresh_badges"]

BADGE = "messages.inbox"


def conversation_event(conversation_id: int) -> str:
    """SSE event name an open conversation page listens to."""
    return f"messages-conversation-{int(conversation_id)}"


async def refresh_badges(member_ids: Iterable[int]) -> None:
    for member_id, count in (await services.unread_totals(member_ids)).items():
        await publish_badge(member_id, BADGE, count)


async def announce(conversation_id: int, member_ids: Iterable[int], badge_for: Iterable[int] = ()) -> None:
    """Signal ``member_ids``' open pages; push new unread counts to ``badge_for``."""
    event = {"event": conversation_event(conversation_id)}
    for member_id in sorted(set(member_ids)):
        await publish(f"member:{member_id}", event)
    await refresh_badges(badge_for)
