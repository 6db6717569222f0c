"""MémoActiv hook implementations (thin: logic lives in services, flow and trends)."""

from __future__ import annotations

from typing import Any

from core.api import (
    Asset,
    DemoContext,
    Fragment,
    NavItem,
    PageContext,
    Tracker,
    edition_cached,
    gettext_for,
    hookimpl,
)
from plugins.memoactiv import services
from plugins.memoactiv.demo import seed
from plugins.memoactiv.routes import router
from plugins.memoactiv.trackers import TRACKERS

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_routes",
    "register_tracker_types",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_tracker_types() -> list[Tracker]:
    return list(TRACKERS)


@hookimpl
@edition_cached(visitors_only=True)  # members: shown under their health-data consent
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    if not ctx.allows("core.health_data"):
        return []
    label = gettext_for(ctx.request).gettext("MémoActiv")
    return [NavItem(label=label, href="/memoactiv/", order=30, name="memoactiv.index", members_only=True)]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [
        Asset("memoactiv.css", under="/memoactiv"),
        Asset("tasks.js", kind="js", under="/memoactiv"),
        Asset("memoactiv.js", kind="js", under="/memoactiv"),
    ]


@hookimpl
@edition_cached(visitors_only=True)
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "home.main" and ctx.allows("core.health_data"):
        return [Fragment(order=30, template="memoactiv/fragments/_home_card.html")]
    if slot == "me.privacy":
        return [Fragment(order=30, template="memoactiv/fragments/_privacy.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """Check-ins with their context answers, every run (plan, raw trials, scores), settings."""
    return await services.export_member(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
