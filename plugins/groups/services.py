"""Groups and memberships (no web framework here).

``member_count`` counts active members only and is updated with the
membership rows in one transaction. Pages never show the exact count of a
small group (see :func:`count_label`), like matching's small-number rule:
under 10, a count could point at someone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from core.api import transaction
from plugins.groups.tables import Group, Membership, Thread

__all__ = [
    "PER_PAGE",
    "SMALL_GROUP",
    "active_groups",
    "approve",
    "create_group",
    "groups_of_site",
    "groups_page",
    "join",
    "languages_of_site",
    "leave",
    "matches_conditions",
    "pending_requests",
    "recount",
    "remove_member",
    "suggested",
]

SMALL_GROUP = 10
PER_PAGE = 20  # groups per page of the full list


def _now() -> datetime:
    return datetime.now(UTC)


async def create_group(
    site: str,
    slug: str,
    name: str,
    language: str,
    *,
    description: str = "",
    visibility: str = "public",
    conditions: Iterable[str] = (),
) -> int:
    """Create a group (idempotent per edition and slug: returns the existing one)."""
    key = f"{site}:{slug}"
    existing = await Group.select(Group.id).where(Group.group_key == key).first()
    if existing:
        return int(existing["id"])
    group = Group(
        site=site,
        slug=slug,
        group_key=key,
        language=language,
        name=name,
        description=description,
        visibility=visibility,
        conditions=" ".join(conditions),
        created_at=_now(),
    )
    rows = await Group.insert(group).returning(Group.id)
    return int(rows[0]["id"])


async def groups_of_site(site: str) -> list[dict[str, Any]]:
    return list(await Group.select().where(Group.site == site).order_by(Group.name))


async def groups_page(site: str, page: int, language: str = "") -> tuple[list[dict[str, Any]], bool]:
    """One page of the edition's groups by name (in ``language`` if given), and whether a next page exists."""
    where: Any = Group.site == site
    if language:
        where = where & (Group.language == language)
    query = Group.select().where(where).order_by(Group.name, Group.id)
    rows = list(await query.limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE))
    return rows[:PER_PAGE], len(rows) > PER_PAGE


async def languages_of_site(site: str) -> list[str]:
    """The languages the edition's groups are written in, sorted."""
    rows = await Group.select(Group.language).where(Group.site == site).distinct()
    return sorted({r["language"] for r in rows})


async def active_groups(member_id: int, site: str) -> list[dict[str, Any]]:
    """Groups of this edition where the member is an active member, by name."""
    rows = await Membership.select(Membership.group).where(
        (Membership.member == member_id) & (Membership.status == "active")
    )
    ids = [r["group"] for r in rows]
    if not ids:
        return []
    return list(await Group.select().where(Group.id.is_in(ids) & (Group.site == site)).order_by(Group.name))


async def recount(group_id: int) -> None:
    """Store the group's active members and threads (the list pages read them, never count rows)."""
    count = await Membership.count().where((Membership.group == group_id) & (Membership.status == "active"))
    threads = await Thread.count().where(Thread.group == group_id)
    await Group.update({Group.member_count: count, Group.thread_count: threads}).where(Group.id == group_id)


async def join(group: dict[str, Any], member_id: int, *, role: str = "member") -> str:
    """Join a public group at once; ask to join a private one (or after a removal). Returns the status."""
    key = f"{group['id']}:{member_id}"
    async with transaction():
        existing = await Membership.select().where(Membership.membership_key == key).first()
        if existing and existing["status"] in ("active", "pending"):
            return str(existing["status"])
        status = "active" if group["visibility"] == "public" and existing is None else "pending"
        if existing:
            await Membership.update({Membership.status: status, Membership.created_at: _now()}).where(
                Membership.membership_key == key
            )
        else:
            row = Membership(
                group=group["id"], member=member_id, membership_key=key, status=status, role=role, created_at=_now()
            )
            await Membership.insert(row)
        await recount(group["id"])
    return status


async def leave(group_id: int, member_id: int) -> None:
    """Leave (or withdraw a request); a removed member's row stays, so they cannot simply rejoin."""
    async with transaction():
        await Membership.delete().where(
            (Membership.membership_key == f"{group_id}:{member_id}") & (Membership.status != "removed")
        )
        await recount(group_id)


async def approve(group_id: int, member_id: int, accept: bool) -> bool:
    """Accept or refuse a pending request; False when there was none."""
    key = f"{group_id}:{member_id}"
    async with transaction():
        row = await Membership.select().where((Membership.membership_key == key) & (Membership.status == "pending"))
        if not row:
            return False
        if accept:
            await Membership.update({Membership.status: "active"}).where(Membership.membership_key == key)
        else:
            await Membership.delete().where(Membership.membership_key == key)
        await recount(group_id)
    return True


async def remove_member(group_id: int, member_id: int) -> None:
    """Moderation: the member leaves the group and needs a moderator's approval to come back."""
    async with transaction():
        await Membership.update({Membership.status: "removed", Membership.role: "member"}).where(
            Membership.membership_key == f"{group_id}:{member_id}"
        )
        await recount(group_id)


async def pending_requests(group_id: int) -> list[dict[str, Any]]:
    return list(
        await Membership.select()
        .where((Membership.group == group_id) & (Membership.status == "pending"))
        .order_by(Membership.created_at)
    )


def matches_conditions(group_codes: Iterable[str], member_codes: Iterable[str]) -> bool:
    """ICD-10 codes match by prefix either way (``E11`` and ``E11.9``)."""
    mine = [c.upper() for c in member_codes]
    return any(m.startswith(g.upper()) or g.upper().startswith(m) for g in group_codes for m in mine if g and m)


async def suggested(site: str, member_id: int, codes: list[str], *, limit: int = 5) -> list[dict[str, Any]]:
    """Groups about the member's conditions that they have not joined (nothing is stored)."""
    if not codes:
        return []
    joined = {r["group"] for r in await Membership.select(Membership.group).where(Membership.member == member_id)}
    found = [
        g
        for g in await groups_of_site(site)
        if g["id"] not in joined and matches_conditions(g["conditions"].split(), codes)
    ]
    return sorted(found, key=lambda g: -g["member_count"])[:limit]
