from __future__ import annotations

from core.api import PluginMeta

META = PluginMeta(slug="greeter", name="Greeter", version="1.0.0", description="Says hello.")
