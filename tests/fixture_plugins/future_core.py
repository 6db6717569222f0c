"""A plugin declaring an incompatible core: reported, skipped, app starts."""

from __future__ import annotations

from core.api import PluginMeta

META = PluginMeta(slug="future_core", name="Needs core 9", version="1.0.0", requires_core=">=9")
