"""Records every event delivered on an edition (tests read ``EVENTS``)."""

from __future__ import annotations

from core.api import Event, PluginMeta, hookimpl

META = PluginMeta(slug="eventsink", name="Event sink", version="1.0.0")

EVENTS: list[Event] = []


@hookimpl
def handle_event(event: Event) -> None:
    EVENTS.append(event)


def named(name: str) -> list[Event]:
    return [e for e in EVENTS if e.name == name]
