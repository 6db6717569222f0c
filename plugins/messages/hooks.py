"""Private messages hook implementations (thin: logic lives in services, routes and privacy)."""

from __future__ import annotations

from typing import Any

from core.api import Asset, DemoContext, Event, Fragment, NavItem, PageContext, edition_cached, gettext_for, hookimpl
from plugins.messages import live, privacy, reports, services
from plugins.messages.demo import seed
from plugins.messages.routes import router

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "handle_event",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_routes",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
@edition_cached(visitors_only=True)
async def provide_nav_items(ctx: PageContext) -> list[NavItem] | None:
    if ctx.member is None:
        return None
    label = gettext_for(ctx.request).gettext("Messages")
    badge = await services.unread_total(ctx.member.id)
    return [NavItem(label=label, href="/messages/", order=400, members_only=True, name=live.BADGE, badge=badge)]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset] | None:
    return [Asset("messages.css", under="/messages"), Asset("messages.js", kind="js", under="/messages")]


@hookimpl
@edition_cached(live_slots=("admin.dashboard",))  # the open reports are counted on each request
async def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=40, template="messages/fragments/_privacy.html")]
    if slot == "admin.dashboard":
        count = await reports.open_count(ctx.site.code)
        return [Fragment(order=40, template="messages/fragments/_admin_card.html", context={"reported": count})]
    return None


@hookimpl
async def handle_event(event: Event) -> None:
    """A new block hides the pair's one-to-one conversations: clear their unread counts too."""
    if event.name == "friends.block.added" and event.member_id is not None:
        other = event.payload.get("other_id")
        if isinstance(other, int):
            await services.zero_unread_between(event.member_id, other)
            await live.refresh_badges([event.member_id, other])


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    return await privacy.export_member(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await privacy.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
