"""Classifieds hook implementations (thin: logic lives in services and routes)."""

from __future__ import annotations

from typing import Any

from core.api import (
    Asset,
    DemoContext,
    Fragment,
    NavItem,
    PageContext,
    Permission,
    edition_cached,
    gettext_for,
    hookimpl,
)
from plugins.classifieds import services
from plugins.classifieds.demo import seed
from plugins.classifieds.routes import build_router

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_permissions",
    "register_routes",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [build_router()]


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("classifieds.moderate", ("moderator", "operator"), "Hide and restore reported ads")]


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("Classifieds")
    return [NavItem(label=label, href="/classifieds/", order=610, name="classifieds.browse")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("classifieds.css", under="/classifieds/")]


@hookimpl
@edition_cached
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=61, template="classifieds/fragments/_privacy.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """Ads (photos as files in the zip), reports made and contact requests sent."""
    return await services.export_member(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
