"""Directory hook implementations (thin: logic lives in services and routes)."""

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
from plugins.directory import services
from plugins.directory.demo import seed
from plugins.directory.routes import build_router

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
    return [Permission("directory.moderate", ("operator",), "Verify directory listings and moderate corrections")]


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("Directory")
    return [NavItem(label=label, href="/directory/", order=600, name="directory.search")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("directory.css", under="/directory/"), Asset("locate.js", kind="js", under="/directory/")]


@hookimpl
@edition_cached
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=60, template="directory/fragments/_privacy.html")]
    if slot == "health.find_professional":
        # Offered where a health plugin suggests talking to a doctor (e.g. MémoActiv), without an import.
        return [Fragment(order=10, template="directory/fragments/_find_professional.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """Listings the member claimed and the corrections they suggested."""
    return await services.export_member(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
