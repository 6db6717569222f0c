"""Wall hook implementations (thin: logic lives in the other modules)."""

from __future__ import annotations

from typing import Any

from core.api import Asset, DemoContext, Fragment, NavItem, PageContext, edition_cached, gettext_for, hookimpl
from plugins.wall import privacy
from plugins.wall.routes import router

__all__ = [
    "erase_personal_data",
    "export_personal_data",
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
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("Wall")
    return [NavItem(label=label, href="/wall/", order=200, members_only=True, name="wall.feed")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("wall.css")]


@hookimpl
@edition_cached
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=40, template="wall/fragments/_privacy.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    return await privacy.export(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await privacy.erase(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    from plugins.wall.demo import seed

    await seed(ctx)
