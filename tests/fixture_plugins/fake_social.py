"""Stands in for friends and groups plugins: friendships, blocks and groups from plain sets.

Social features ask only through ``core.api`` (permissions ``friends.is_friend``,
``friends.blocked``, ``groups.read``, ``groups.post``; relations ``friends.friends``,
``friends.blocked``, ``groups.memberships``, ``groups.postable``, ``profile.conditions``),
so any plugin answering those names works. Tests fill the sets; :func:`reset` empties
them. With no group registered here, group questions are left to a real groups plugin.
"""

from __future__ import annotations

from typing import Any

from core.api import PluginMeta, hookimpl

META = PluginMeta(slug="fakesocial", name="Fake social", version="1.0.0")

#: Unordered friend pairs and (blocker, blocked) pairs.
FRIENDS: set[frozenset[int]] = set()
BLOCKS: set[tuple[int, int]] = set()
#: group id -> {"name": str, "public": bool, "members": set of member ids} (empty: groups questions abstain)
GROUPS: dict[int, dict[str, Any]] = {}
#: member id -> ICD-10 codes answered for ``profile.conditions`` (absent: abstain)
CONDITIONS: dict[int, list[str]] = {}


def reset() -> None:
    FRIENDS.clear()
    BLOCKS.clear()
    GROUPS.clear()
    CONDITIONS.clear()


def befriend(a: int, b: int) -> None:
    FRIENDS.add(frozenset((a, b)))


def block(blocker: int, blocked: int) -> None:
    BLOCKS.add((blocker, blocked))


def group(group_id: int, name: str, members: set[int], *, public: bool = False) -> None:
    GROUPS[group_id] = {"name": name, "public": public, "members": set(members)}


def _blocked(a: int, b: int) -> bool:
    return (a, b) in BLOCKS or (b, a) in BLOCKS


def _group_answer(member_id: int, permission: str, obj: Any) -> bool | None:
    if not GROUPS:
        return None  # a real groups plugin may answer
    found = GROUPS.get(int(obj))
    if found is None:
        return False
    inside = member_id in found["members"]
    return inside or (permission == "groups.read" and found["public"])


@hookimpl
def resolve_permission(member: Any, permission: str, obj: Any) -> bool | None:
    if member is None:
        return None
    if permission == "friends.is_friend":
        return frozenset((member.id, int(obj))) in FRIENDS and not _blocked(member.id, int(obj))
    if permission == "friends.blocked":
        return _blocked(member.id, int(obj))
    if permission in ("groups.read", "groups.post"):
        return _group_answer(member.id, permission, obj)
    return None


@hookimpl
def resolve_related(relation: str, member_id: int, site: str) -> list[Any] | None:
    if relation == "friends.friends":
        return sorted(next(iter(pair - {member_id})) for pair in FRIENDS if member_id in pair)
    if relation == "friends.blocked":
        return sorted({b for a, b in BLOCKS if a == member_id} | {a for a, b in BLOCKS if b == member_id})
    if relation == "groups.memberships" and GROUPS:
        return sorted(g for g, spec in GROUPS.items() if member_id in spec["members"])
    if relation == "groups.postable" and GROUPS:
        return [{"id": g, "name": s["name"]} for g, s in sorted(GROUPS.items()) if member_id in s["members"]]
    if relation == "profile.conditions" and member_id in CONDITIONS:
        return list(CONDITIONS[member_id])
    return None
