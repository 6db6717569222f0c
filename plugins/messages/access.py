"""Who may see a conversation: participants only, blocks respected, same edition.

Every conversation route goes through :func:`thread_or_404`, so a member who
is not an active participant, a member on another edition and a member in
a block with the other side of a one-to-one conversation all get the same
404 (operators included: private messages have no administrator view).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException

from core.api import MemberView, current_member, related, site_of
from plugins.messages import services
from plugins.messages.services import Thread

__all__ = ["blocked_ids", "hidden_in", "thread_or_404"]


async def blocked_ids(request: Request[Any, Any, Any], member_id: int) -> set[int]:
    """Members ``member_id`` blocked or is blocked by (empty when no plugin decides blocks)."""
    return {int(i) for i in await related(request, "friends.blocked", member_id)}


def hidden_in(thread: Thread, blocked: set[int]) -> bool:
    """A one-to-one conversation with a member in a block relation is hidden both ways."""
    return not thread.is_group and any(mid in blocked for mid in thread.other_ids)


async def thread_or_404(request: Request[Any, Any, Any], conversation_id: int) -> tuple[MemberView, Thread, set[int]]:
    """The viewer, the conversation and the viewer's blocks, or 404."""
    me = current_member(request)
    thread = await services.load_thread(conversation_id, me.id, site_of(request).code)
    if thread is None:
        raise NotFoundException()
    blocked = await blocked_ids(request, me.id)
    if hidden_in(thread, blocked):
        raise NotFoundException()
    return me, thread, blocked
