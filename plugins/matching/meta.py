"""Matching metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="matching",
    name="Members like me",
    version="0.1.0",
    description="Find members who share conditions or symptoms (opt-in), and community counts per condition.",
    data_categories=("matching_index",),
)
