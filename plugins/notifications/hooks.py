"""Notifications hook implementations (thin: logic lives in delivery, services and digest)."""

from __future__ import annotations

from typing import Any

from core.api import (
    Asset,
    CliCommand,
    DemoContext,
    Event,
    Fragment,
    NavItem,
    PageContext,
    edition_cached,
    gettext_for,
    hookimpl,
)
from plugins.notifications import services
from plugins.notifications.delivery import BADGE, deliver
from plugins.notifications.demo import seed
from plugins.notifications.digest import COMMAND
from plugins.notifications.routes import router

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "handle_event",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_cli_commands",
    "register_routes",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_cli_commands() -> list[CliCommand]:
    return [COMMAND]


@hookimpl
async def handle_event(event: Event) -> None:
    """Any event's ``payload["notify"]`` entries become notifications."""
    if "notify" in event.payload:
        await deliver(event)


@hookimpl
@edition_cached(visitors_only=True)
async def provide_nav_items(ctx: PageContext) -> list[NavItem] | None:
    if ctx.member is None:
        return None
    label = gettext_for(ctx.request).gettext("Notifications")
    badge = (await services.unread_counts([ctx.member.id]))[ctx.member.id]
    return [NavItem(label=label, href="/notifications/", order=410, members_only=True, name=BADGE, badge=badge)]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset] | None:
    return [Asset("notifications.css", under="/notifications")]


@hookimpl
@edition_cached
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=45, template="notifications/fragments/_privacy.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    return await services.export_member(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
