"""Groups hook implementations (thin: logic lives in the other modules)."""

from __future__ import annotations

from typing import Any

from core.api import (
    Asset,
    DemoContext,
    Fragment,
    MemberView,
    NavItem,
    PageContext,
    Permission,
    edition_cached,
    gettext_for,
    hookimpl,
)
from plugins.groups import privacy, services
from plugins.groups.access import can_post, can_read
from plugins.groups.routes import router
from plugins.groups.tables import Group

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_permissions",
    "register_routes",
    "resolve_permission",
    "resolve_related",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_permissions() -> list[Permission]:
    # Decided per group by resolve_permission below; no role reads a private group by default.
    return [
        Permission("groups.read", (), "Read a group's discussions"),
        Permission("groups.post", (), "Write in a group"),
    ]


async def _group(obj: Any) -> dict[str, Any] | None:
    try:
        group_id = int(obj)
    except (TypeError, ValueError):
        return None
    return await Group.select().where(Group.id == group_id).first()  # type: ignore[no-any-return]


@hookimpl
async def resolve_permission(member: MemberView | None, permission: str, obj: Any) -> bool | None:
    if permission not in ("groups.read", "groups.post"):
        return None
    group = await _group(obj)
    if group is None:
        return False
    return await (can_read(member, group) if permission == "groups.read" else can_post(member, group))


@hookimpl
async def resolve_related(relation: str, member_id: int, site: str) -> list[Any] | None:
    if relation == "groups.memberships":
        return [g["id"] for g in await services.active_groups(member_id, site)]
    if relation == "groups.postable":
        return [{"id": g["id"], "name": g["name"]} for g in await services.active_groups(member_id, site)]
    return None


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("Groups")
    return [NavItem(label=label, href="/groups/", order=300, members_only=True, name="groups.index")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("groups.css")]


@hookimpl
@edition_cached
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=50, template="groups/fragments/_privacy.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    return await privacy.export(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await privacy.erase(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    from plugins.groups.demo import seed

    await seed(ctx)
