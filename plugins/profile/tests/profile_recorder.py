"""A throw-away plugin that records events (what other plugins would receive)."""

from __future__ import annotations

from core.api import Event, PluginMeta, hookimpl

META = PluginMeta(slug="recorder", name="Recorder", version="1.0.0")

EVENTS: list[Event] = []


@hookimpl
async def handle_event(event: Event) -> None:
    EVENTS.append(event)
