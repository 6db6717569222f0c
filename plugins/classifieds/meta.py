"""Classifieds metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="classifieds",
    name="Classifieds",
    version="0.1.0",
    description="Members' ads (equipment, books, services): photos, places, expiry, reports and moderation.",
    data_categories=("ads", "ad_photos", "ad_reports", "ad_contacts"),
)
