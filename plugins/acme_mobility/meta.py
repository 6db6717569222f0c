"""ACME Mobility metadata: a sponsored plugin, no member data."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="acme_mobility",
    name="ACME Mobility",
    version="1.0.0",
    description="A walking-aid chooser from ACME Mobility, shown during its campaigns.",
    kind="sponsored",
    sponsor="ACME Mobility",
    restricted=True,
)
