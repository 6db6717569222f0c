"""Studies metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="studies",
    name="Studies",
    version="1.0.0",
    description="Anonymous studies for partner laboratories: consented members, aggregates only.",
    data_categories=("study_participation",),
    seed_after=("healthbox", "profile"),
)
