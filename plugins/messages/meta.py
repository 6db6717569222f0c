"""Private messages metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="messages",
    name="Private messages",
    version="0.1.0",
    description="One-to-one and small group conversations, live, with read markers, blocks and reports.",
    data_categories=("private_messages", "message_reports"),
    seed_after=("friends",),
)
