"""A plugin with a misspelt hook implementation (``provide_fragment``): unregistered, reported."""

from __future__ import annotations

from typing import Any

from core.api import PluginMeta, hookimpl

META = PluginMeta(slug="misspelt", name="Misspelt", version="1.0.0")


@hookimpl
def provide_fragment(slot: str, ctx: Any) -> list[Any]:
    return []
