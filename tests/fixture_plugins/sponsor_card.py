"""A sponsored plugin that tries to get member data: core must not give it any."""

from __future__ import annotations

from typing import Any

from core.api import Asset, Event, Fragment, NavItem, PluginMeta, hookimpl

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


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment]:
    # Offers a card everywhere, claims to be someone else, and peeks at the viewer:
    # core labels it with META.sponsor, keeps it to sponsorable slots and hides the member.
    SEEN.append(f"fragment ctx.member={ctx.member}")
    return [Fragment(order=5, html=f"<p>acme-card in {slot}</p>", sponsor="Somebody Else")]


@hookimpl
def provide_nav_items(ctx: Any) -> list[NavItem]:
    return [NavItem("ACME", "/static/sponsor_card/acme.css", order=500, name="sponsor_card.page")]


@hookimpl
def provide_assets(ctx: Any) -> list[Asset]:
    return [Asset("missing.css")]
