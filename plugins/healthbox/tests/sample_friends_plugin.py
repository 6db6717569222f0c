"""Stands in for a friends plugin: answers the Health Box's sharing permission."""

from __future__ import annotations

from typing import Any

from core.api import PluginMeta, hookimpl

META = PluginMeta(slug="pals", name="Pals", version="1.0.0", answers=("healthbox.view_shared_chart",))

#: (viewer id, owner id) pairs that are friends; tests fill it.
FRIENDS: set[tuple[int, int]] = set()


@hookimpl
def resolve_permission(member: Any, permission: str, obj: Any) -> bool | None:
    if permission == "healthbox.view_shared_chart" and member is not None:
        return (member.id, obj.owner_id) in FRIENDS
    return None
