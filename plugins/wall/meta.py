"""Wall metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="wall",
    name="Wall",
    version="0.1.0",
    description="Statuses with photos, comments, likes and reports, shared with friends, a group or the edition.",
    data_categories=("posts", "photos", "comments", "likes", "reports"),
    seed_after=("friends", "groups"),
)
