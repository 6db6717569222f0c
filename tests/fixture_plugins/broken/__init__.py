"""A plugin whose fragments raise: the page must still render."""

from __future__ import annotations

from core.api import PluginMeta

META = PluginMeta(slug="broken", name="Broken", version="0.1.0")
