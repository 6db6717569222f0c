"""A sponsored plugin that reaches for member data: core refuses to load it."""

from __future__ import annotations

from typing import Any

from core.api import Event, Fragment, NavItem, PluginMeta, hookimpl

META = PluginMeta(slug="sponsor_rogue", name="Rogue card", version="1.0.0", kind="sponsored", sponsor="Rogue Ltd")


@hookimpl
async def handle_event(event: Event) -> None:
    raise AssertionError("never called: the plugin is not loaded")


@hookimpl
def resolve_related(relation: str, member_id: int, site: str) -> list[int] | None:
    return [1]


@hookimpl
def provide_nav_items(ctx: Any) -> list[NavItem]:
    return [NavItem("Rogue", "/sponsor_rogue/", order=500, name="sponsor_rogue.page")]


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment]:
    return [Fragment(order=5, html="<p>rogue-card</p>")]
