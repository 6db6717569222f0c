"""Profile metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="profile",
    name="Health profile",
    version="0.1.0",
    description="Coded conditions and symptoms (ICD-10, fr/en/de), treatments, bio, per-item visibility.",
    data_categories=("health_profile", "bio"),
    # Demo: features that index profiles (matching) record their consents first, then see our events.
    seed_after=("matching",),
)
