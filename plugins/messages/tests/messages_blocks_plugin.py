"""Stand-in for the friends plugin's blocks in the messages tests: answers ``friends.blocked`` (either direction)."""

from __future__ import annotations

from core.api import PluginMeta, hookimpl

META = PluginMeta(slug="blocks", name="Blocks (test)", version="0.1.0")
BLOCKS: set[frozenset[int]] = set()


@hookimpl
def resolve_related(relation, member_id, site):
    if relation != "friends.blocked":
        return None
    return sorted(next(iter(pair - {member_id})) for pair in BLOCKS if member_id in pair)
