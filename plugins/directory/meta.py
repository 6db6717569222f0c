"""Directory metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="directory",
    name="Directory",
    version="0.1.0",
    description="Health professionals and partners near you: search by specialty and place, claims, corrections.",
    data_categories=("listing_claims", "correction_suggestions"),
)
