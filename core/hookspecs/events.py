"""Event hook: how plugins cooperate without importing each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.hooks import hookspec

if TYPE_CHECKING:
    from core.events import Event

__all__ = ["handle_event"]


@hookspec
async def handle_event(event: Event) -> None:
    """React to something that happened elsewhere.

    Policy: notify, isolated.
    When: after the emitting transaction committed (``core.api.emit``), for
    plugins enabled on the event's site, never for sponsored plugins. Event
    names read ``<slug>.<noun>.<past_verb>``. Core emits ``core.member.erased``
    (after an account is erased) and ``core.consent.changed`` (payload
    ``purpose`` and ``action``: ``"grant"`` or ``"withdraw"``) when a member
    changes a consent.

    Args:
        event: Name, site code, member id and payload.

    Example:
        @hookimpl
        async def handle_event(event):
            if event.name == "core.member.erased":
                await services.forget(event.member_id)
            elif event.name == "friends.request.accepted":
                await services.share_streak(event.member_id, event.payload["other_id"])
    """
