"""Notifications metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="notifications",
    name="Notifications",
    version="0.1.0",
    description="Replies, likes, requests, mentions and acceptances in one place, with preferences and e-mail digests.",
    data_categories=("notifications", "notification_preferences"),
    seed_after=("friends",),
)
