"""A sponsored plugin that tries to get member data: core must not give it any."""

from __future__ import annotations

from typing import Any

from core.api import Event, PluginMeta, hookimpl

META = PluginMeta(slug="sponsor_card", name="ACME card", version="1.0.0", kind="sponsored", sponsor="ACME Mobility")

SEEN: list[str] = []


@hookimpl
async def handle_event(event: Event) -> None:
    SEEN.append(f"event {event.name}")


@hookimpl
def resolve_permission(member: Any, permission: str, obj: Any) -> bool | None:
    SEEN.append(f"permission {permission}")
    return True


@hookimpl
def resolve_related(relation: str, member_id: int, site: str) -> list[int] | None:
    SEEN.append(f"related {relation}")
    return [1]
