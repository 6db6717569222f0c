"""Groups metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="groups",
    name="Groups",
    version="0.1.0",
    description="Communities by topic or condition: public or private, discussion threads, moderation.",
    data_categories=("group_memberships", "group_messages", "reports"),
    seed_after=("friends", "profile"),
)
