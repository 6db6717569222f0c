"""The matching index: what findable members share, and the two questions asked of it.

No web framework here. Rows come from ``profile.conditions.changed``
payloads (public items only); queries are single aggregate statements over
the composite indexes described in :mod:`plugins.matching.tables`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.api import transaction
from plugins.matching.tables import Entry, Label

__all__ = [
    "CONDITION",
    "FAMILY",
    "SYMPTOM",
    "WEIGHTS",
    "counts",
    "drop_member",
    "entries_of",
    "labels",
    "replace_member",
    "rows_from_payload",
    "shared_keys",
    "similar",
    "store_labels",
]

CONDITION, FAMILY, SYMPTOM = "c", "f", "s"
#: Same condition > same family > same symptom.
WEIGHTS = {CONDITION: 10, FAMILY: 3, SYMPTOM: 1}


def rows_from_payload(payload: dict[str, Any]) -> list[tuple[str, str, int]]:
    """``(key, code, weight)`` rows for the public items of one member.

    Two codes of one ICD-10 category (G43.0 and G43.1) count once for
    ranking (the second row weighs 0) but both count in community counts.
    """
    concepts: dict[str, Any] = payload.get("concepts") or {}
    rows: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for code in payload.get("public_conditions") or []:
        concept = concepts.get(code) or {}
        category = str(concept.get("category") or code.split(".")[0])
        key = f"{CONDITION}:{category}"
        rows.append((key, code, 0 if key in seen else WEIGHTS[CONDITION]))
        seen.add(key)
        family = concept.get("family")
        if family and f"{FAMILY}:{family}" not in seen:
            seen.add(f"{FAMILY}:{family}")
            rows.append((f"{FAMILY}:{family}", str(family), WEIGHTS[FAMILY]))
    for code in payload.get("public_symptoms") or []:
        key = f"{SYMPTOM}:{code}"
        if key not in seen:
            seen.add(key)
            rows.append((key, code, WEIGHTS[SYMPTOM]))
    return rows


async def replace_member(member_id: int, site: str, rows: list[tuple[str, str, int]]) -> None:
    async with transaction(Entry._meta.db):
        await Entry.delete().where(Entry.member == member_id)
        if rows:
            await Entry.insert(*(Entry(member=member_id, site=site, key=k, code=c, weight=w) for k, c, w in rows))


async def drop_member(member_id: int) -> None:
    await Entry.delete().where(Entry.member == member_id)


async def entries_of(member_id: int) -> list[dict[str, Any]]:
    return list(await Entry.select(Entry.key, Entry.code, Entry.weight).where(Entry.member == member_id))


async def store_labels(payload: dict[str, Any]) -> None:
    """Remember the names the profile feature sent (codes and families), newest wins."""
    items: list[tuple[str, str, str, dict[str, str]]] = []
    for code, concept in (payload.get("concepts") or {}).items():
        items.append((code, str(concept.get("kind", "condition")), str(concept.get("family") or ""), concept["labels"]))
    for key, names in (payload.get("families") or {}).items():
        items.append((key, "family", "", names))
    for code, kind, family, names in items:
        if await Label.exists().where(Label.code == code):
            await Label.update({Label.names: names, Label.kind: kind, Label.family: family}).where(Label.code == code)
        else:
            await Label.insert(Label(code=code, kind=kind, family=family, names=names))


async def labels(codes: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = await Label.select().where(Label.code.is_in(wanted)).output(load_json=True)
    return {r["code"]: r for r in rows}


# Piccolo ``raw`` placeholders ({}) only: every value is a bound parameter.
_SIMILAR = (
    "SELECT member, SUM(weight) AS score FROM matching_entry WHERE site = {} AND key IN (KEYS) AND member <> {} "
    "GROUP BY member ORDER BY score DESC, member ASC LIMIT {}"
)
_COUNTS = (
    "SELECT code, COUNT(DISTINCT member) AS members FROM matching_entry WHERE site = {} AND code IN (CODES) "
    "GROUP BY code"
)


def _placeholders(count: int) -> str:
    return ", ".join(["{}"] * count)


async def similar(site: str, member_id: int, keys: dict[str, int], limit: int) -> list[tuple[int, int]]:
    """Members sharing ``keys``, best first: ``(member id, score)``; never ``member_id`` itself.

    One statement: the candidates' rows for my keys, summed per member. The
    ``(site, key, member, weight)`` index answers it without touching the table.
    """
    if not keys:
        return []
    wanted = sorted(keys)
    sql = _SIMILAR.replace("KEYS", _placeholders(len(wanted)))
    rows = await Entry.raw(sql, site, *wanted, member_id, limit)
    return [(int(r["member"]), int(r["score"])) for r in rows if int(r["score"]) > 0]


async def shared_keys(keys: Iterable[str], members: list[int]) -> dict[int, list[tuple[str, str]]]:
    """For each member, the ``(key, code)`` rows they share with ``keys`` (to say why they match)."""
    wanted = sorted(set(keys))
    if not wanted or not members:
        return {}
    rows = await Entry.select(Entry.member, Entry.key, Entry.code).where(
        Entry.member.is_in(members) & Entry.key.is_in(wanted)
    )
    out: dict[int, list[tuple[str, str]]] = {}
    for row in rows:
        out.setdefault(int(row["member"]), []).append((row["key"], row["code"]))
    return out


async def counts(site: str, codes: list[str]) -> dict[str, int]:
    """Members of ``site`` who opened each condition code to all members (and are findable).

    Condition, family and symptom codes never coincide, so ``code`` alone
    selects condition rows and the ``(site, code, member)`` index answers.
    """
    if not codes:
        return {}
    sql = _COUNTS.replace("CODES", _placeholders(len(codes)))
    rows = await Entry.raw(sql, site, *codes)
    found = {r["code"]: int(r["members"]) for r in rows}
    return {code: found.get(code, 0) for code in codes}
