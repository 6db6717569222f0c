"""Friends metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="friends",
    name="Friends",
    version="0.1.0",
    description="Friend requests, friendships and blocks; answers who is a friend for other features.",
    data_categories=("friendships", "friend_requests", "blocks"),
    answers=("friends.is_friend", "friends.blocked", "healthbox.view_shared_chart"),
)
