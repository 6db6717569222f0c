"""Members like me, for one viewer: keys, ranking, exclusions, and why each member matches.

The viewer's own keys are their indexed (public) items plus the categories
and families of their private conditions, asked through
``related(…, "profile.conditions", …)``: private items improve *my* list
without ever showing me to anyone. Candidates come only from the index
(findable members' public items). Blocked members (either way) and the
viewer never appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.api import MemberView, get_members, has_consent, related
from plugins.matching import index

__all__ = ["PURPOSE", "Match", "is_findable", "matches", "my_keys", "similar_ids"]

PURPOSE = "matching.findable"


@dataclass(frozen=True)
class Match:
    """One member like me, with what we share (codes, for labels)."""

    member: MemberView
    score: int
    conditions: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    symptoms: list[str] = field(default_factory=list)


async def is_findable(member_id: int) -> bool:
    return await has_consent(member_id, PURPOSE) and await has_consent(member_id, "core.health_data")


async def my_keys(where: Any, member_id: int) -> dict[str, int]:
    """Keys to look for, with their weights."""
    keys = {r["key"]: int(r["weight"]) for r in await index.entries_of(member_id) if r["weight"]}
    own = [str(code) for code in await related(where, "profile.conditions", member_id)]
    known = await index.labels(own)
    for code in own:
        keys.setdefault(f"{index.CONDITION}:{code.split('.')[0]}", index.WEIGHTS[index.CONDITION])
        family = (known.get(code) or {}).get("family")
        if family:
            keys.setdefault(f"{index.FAMILY}:{family}", index.WEIGHTS[index.FAMILY])
    return keys


async def similar_ids(where: Any, site: str, member_id: int, limit: int) -> list[tuple[int, int]]:
    """``(member id, score)`` best first, blocked members removed."""
    keys = await my_keys(where, member_id)
    blocked = {int(i) for i in await related(where, "friends.blocked", member_id)}
    found = await index.similar(site, member_id, keys, limit + len(blocked))
    return [(m, s) for m, s in found if m not in blocked][:limit]


async def matches(where: Any, viewer: MemberView, *, limit: int) -> list[Match]:
    """The viewer's list, with the shared items of each member."""
    found = await similar_ids(where, viewer.site, viewer.id, limit)
    keys = await my_keys(where, viewer.id)
    shared = await index.shared_keys(keys, [m for m, _ in found])
    views = await get_members([m for m, _ in found])
    out = []
    for member_id, score in found:
        view = views.get(member_id)
        if view is None or view.site != viewer.site:
            continue
        rows = shared.get(member_id, [])
        out.append(
            Match(
                member=view,
                score=score,
                conditions=sorted({c for k, c in rows if k.startswith(f"{index.CONDITION}:")}),
                families=sorted({c for k, c in rows if k.startswith(f"{index.FAMILY}:")}),
                symptoms=sorted({c for k, c in rows if k.startswith(f"{index.SYMPTOM}:")}),
            )
        )
    return out
