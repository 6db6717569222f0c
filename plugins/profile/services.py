"""Profile storage: load, add, change and remove items; export and erase.

Callers validate input first (:mod:`plugins.profile.fields`); these functions
enforce ownership: every change names the member, and an item id of someone
else simply is not found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from piccolo.table import Table

from core.api import transaction
from plugins.profile.fields import since_sort_key
from plugins.profile.tables import Condition, Profile, Symptom, Treatment

__all__ = [
    "KINDS",
    "Item",
    "ProfileData",
    "add_coded",
    "add_treatment",
    "condition_codes",
    "delete_item",
    "erase_member",
    "export_member",
    "load",
    "members_with_items",
    "save_bio",
    "update_item",
]

KINDS: dict[str, type[Table]] = {"condition": Condition, "symptom": Symptom, "treatment": Treatment}
MAX_ITEMS = 60


@dataclass(frozen=True)
class Item:
    """One condition, symptom or treatment of a profile."""

    id: int
    kind: str
    code: str | None
    name: str | None
    since: str | None
    visibility: str


@dataclass
class ProfileData:
    """Everything a profile holds, items sorted by "since" (oldest first)."""

    bio: str = ""
    bio_visibility: str = "me"
    conditions: list[Item] = field(default_factory=list)
    symptoms: list[Item] = field(default_factory=list)
    treatments: list[Item] = field(default_factory=list)

    def items(self, kind: str) -> list[Item]:
        return {"condition": self.conditions, "symptom": self.symptoms, "treatment": self.treatments}[kind]


def _now() -> datetime:
    return datetime.now(UTC)


def _item(kind: str, row: dict[str, Any]) -> Item:
    return Item(
        id=int(row["id"]),
        kind=kind,
        code=row.get("code"),
        name=row.get("name"),
        since=row["since"],
        visibility=row["visibility"],
    )


async def load(member_id: int) -> ProfileData:
    data = ProfileData()
    row = await Profile.select(Profile.bio, Profile.bio_visibility).where(Profile.member == member_id).first()
    if row:
        data.bio, data.bio_visibility = row["bio"], row["bio_visibility"]
    for kind, table in KINDS.items():
        rows = await table.select().where(table.member == member_id).order_by(table.id)  # type: ignore[attr-defined]
        items = sorted((_item(kind, r) for r in rows), key=lambda i: since_sort_key(i.since))
        data.items(kind).extend(items)
    return data


async def add_coded(member_id: int, kind: str, code: str, since: str | None, visibility: str) -> bool:
    """Add a condition or symptom; False when the member already has it (or has too many)."""
    table = KINDS[kind]
    key = f"{member_id}:{code}"
    if await table.exists().where(table.item_key == key):  # type: ignore[attr-defined]
        return False
    if await table.count().where(table.member == member_id) >= MAX_ITEMS:  # type: ignore[attr-defined]
        return False
    await table.insert(
        table(member=member_id, code=code, item_key=key, since=since, visibility=visibility, added_at=_now())
    )
    return True


async def add_treatment(member_id: int, name: str, since: str | None, visibility: str) -> bool:
    """Add a treatment; False for a duplicate name (case-insensitive) or too many."""
    rows = await Treatment.select(Treatment.name).where(Treatment.member == member_id)
    if len(rows) >= MAX_ITEMS or any(r["name"].casefold() == name.casefold() for r in rows):
        return False
    await Treatment.insert(Treatment(member=member_id, name=name, since=since, visibility=visibility, added_at=_now()))
    return True


async def update_item(member_id: int, kind: str, item_id: int, since: str | None, visibility: str) -> Item | None:
    """Change "since" and visibility of the member's own item; None when it is not theirs."""
    table = KINDS[kind]
    where = (table.id == item_id) & (table.member == member_id)  # type: ignore[attr-defined]
    if not await table.exists().where(where):
        return None
    await table.update({table.since: since, table.visibility: visibility}).where(where)  # type: ignore[attr-defined]
    row = await table.select().where(where).first()
    return _item(kind, row) if row else None


async def delete_item(member_id: int, kind: str, item_id: int) -> Item | None:
    """Remove the member's own item; None when it is not theirs."""
    table = KINDS[kind]
    where = (table.id == item_id) & (table.member == member_id)  # type: ignore[attr-defined]
    row = await table.select().where(where).first()
    if row is None:
        return None
    await table.delete().where(where)
    return _item(kind, row)


async def save_bio(member_id: int, bio: str, visibility: str) -> None:
    key = str(member_id)
    async with transaction(Profile._meta.db):
        if await Profile.exists().where(Profile.member_key == key):
            await Profile.update(
                {Profile.bio: bio, Profile.bio_visibility: visibility, Profile.updated_at: _now()}
            ).where(Profile.member_key == key)
        else:
            await Profile.insert(
                Profile(member=member_id, member_key=key, bio=bio, bio_visibility=visibility, updated_at=_now())
            )


async def condition_codes(member_id: int) -> list[str]:
    rows = await Condition.select(Condition.code).where(Condition.member == member_id).order_by(Condition.id)
    return [r["code"] for r in rows]


async def members_with_items() -> list[int]:
    """Every member holding a condition or a symptom (to rebuild other plugins' indexes)."""
    ids: set[int] = set()
    for table in (Condition, Symptom):
        ids |= {int(r["member"]) for r in await table.select(table.member).distinct()}
    return sorted(ids)


async def export_member(member_id: int) -> dict[str, Any]:
    """Rows with codes and visibility; labels are added by the hook (vocabulary)."""
    data = await load(member_id)
    return {
        "bio": [{"text": data.bio, "visibility": data.bio_visibility}] if data.bio else [],
        "conditions": [{"code": i.code, "since": i.since, "visibility": i.visibility} for i in data.conditions],
        "symptoms": [{"code": i.code, "since": i.since, "visibility": i.visibility} for i in data.symptoms],
        "treatments": [{"name": i.name, "since": i.since, "visibility": i.visibility} for i in data.treatments],
    }


async def erase_member(member_id: int) -> None:
    async with transaction(Profile._meta.db):
        for table in (Profile, Condition, Symptom, Treatment):
            await table.delete().where(table.member == member_id)  # type: ignore[attr-defined]
