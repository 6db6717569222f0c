"""MémoActiv metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="memoactiv",
    name="MémoActiv",
    version="0.1.0",
    description="Short memory and attention exercises, weekly check-ins and each member's own results over time.",
    kind="feature",
    requires_plugins=("healthbox",),
    data_categories=("cognitive_results", "checkin_context", "memoactiv_settings"),
)
