"""Friends hook implementations (thin: rules live in services)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from core.api import (
    Asset,
    DemoContext,
    Event,
    Fragment,
    NavItem,
    PageContext,
    Permission,
    edition_cached,
    get_member,
    get_members,
    gettext_for,
    hookimpl,
)
from plugins.friends import services
from plugins.friends.demo import seed
from plugins.friends.routes import router

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "handle_event",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_permissions",
    "register_routes",
    "resolve_permission",
    "resolve_related",
    "seed_demo_data",
]

SHARED_CHART = "healthbox.view_shared_chart"


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_permissions() -> list[Permission]:
    # Decided per pair of members in resolve_permission; no role holds them.
    return [
        Permission("friends.is_friend", (), "The viewer and the member are friends"),
        Permission("friends.blocked", (), "The viewer and the member blocked one another (either way)"),
    ]


def _member_id(obj: Any) -> int | None:
    try:
        value = int(obj)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


@hookimpl
async def resolve_permission(member: Any, permission: str, obj: Any) -> bool | None:
    """Friendship and blocks, for every feature that asks; other permissions are not ours."""
    if permission == SHARED_CHART:
        owner = _member_id(getattr(obj, "owner_id", None))
        if member is None or owner is None or owner == member.id:
            return False
        return await services.is_friend(member.id, owner)
    if permission not in ("friends.is_friend", "friends.blocked"):
        return None
    other = _member_id(obj)
    if member is None or other is None or other == member.id:
        return False
    if permission == "friends.is_friend":
        return await services.is_friend(member.id, other)
    return await services.is_blocked(member.id, other)


@hookimpl
async def resolve_related(relation: str, member_id: int, site: str) -> list[int] | None:
    if relation == "friends.friends":
        return await services.friend_ids(member_id)
    if relation == "friends.blocked":
        return await services.blocked_ids(member_id)
    if relation == "friends.pending":
        return await services.pending_ids(member_id)
    return None


@hookimpl
@edition_cached(visitors_only=True)
async def provide_nav_items(ctx: PageContext) -> list[NavItem] | None:
    if ctx.member is None:
        return None
    pending = await services.incoming_count(ctx.member.id)
    label = gettext_for(ctx.request).gettext("Friends")
    return [
        NavItem(label=label, href="/friends/", order=300, members_only=True, name="friends.list", badge=pending or None)
    ]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("friends.css")]


@hookimpl
@edition_cached(visitors_only=True)
async def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=40, template="friends/fragments/_privacy.html")]
    if slot == "profile.actions" and ctx.member is not None:
        return await _profile_button(ctx)
    if slot == "home.aside" and ctx.member is not None:
        pending = await services.incoming_count(ctx.member.id)
        if pending:
            return [Fragment(order=20, template="friends/fragments/_home_requests.html", context={"pending": pending})]
    return None


async def _profile_button(ctx: PageContext) -> list[Fragment] | None:
    """Friendship buttons on another member's profile page (slot args: member_id, pseudonym)."""
    assert ctx.member is not None
    other = await get_member(int(ctx.args.get("member_id", 0)))
    if other is None or other.id == ctx.member.id or other.site != ctx.site.code:
        return None
    state = await services.status(ctx.member.id, other.id)
    if state.state in ("self", "blocked"):
        return None
    context = {"other": other, "status": state, "next_url": f"/profile/{quote(other.pseudonym)}"}
    return [Fragment(order=10, template="friends/fragments/_button.html", context=context)]


@hookimpl
async def handle_event(event: Event) -> None:
    if event.name == "core.member.erased" and event.member_id is not None:
        await services.erase_member(event.member_id)


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """Friendships, requests sent and received, blocks — with the other member's pseudonym."""
    data = await services.export_member(member_id)
    ids = {
        v
        for rows in data.values()
        for row in rows
        for k, v in row.items()
        if k.endswith("member_id") or k == "friend_id"
    }
    views = await get_members(ids)
    for rows in data.values():
        for row in rows:
            other = next(v for k, v in row.items() if k.endswith("member_id") or k == "friend_id")
            row["pseudonym"] = views[other].pseudonym if other in views else None
    return data


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
