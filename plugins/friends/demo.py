"""Demo friendships: a believable social graph on every edition.

Each member of the demo population gets a few friends on their own edition,
some requests wait for an answer, a few members blocked someone. Camille
(fr), Oliver (uk) and Lena (de) get friends and requests both ways so that
their pages show every state.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from core.api import DemoContext, MemberView
from plugins.friends.tables import Block, FriendRequest, Friendship

__all__ = ["seed"]

_NAMED = {
    "camille@demo.entraide.test": (8, 3, 2, 1),  # friends, incoming, outgoing, blocks
    "oliver@demo.entraide.test": (4, 1, 1, 0),
    "lena@demo.entraide.test": (4, 1, 1, 0),
}


def _when(rng: random.Random, now: datetime, days: int) -> datetime:
    return now - timedelta(days=rng.randint(0, days), minutes=rng.randint(0, 1439))


class _Graph:
    """Pairs drawn so far, so that one pair is never friend, pending and blocked at once."""

    def __init__(self) -> None:
        self.friends: set[tuple[int, int]] = set()
        self.requests: dict[tuple[int, int], tuple[int, int]] = {}  # pair -> (sender, recipient)
        self.blocks: set[tuple[int, int]] = set()

    def free(self, a: int, b: int) -> bool:
        pair = (min(a, b), max(a, b))
        taken = pair in self.friends or pair in self.requests
        return a != b and not taken and (a, b) not in self.blocks and (b, a) not in self.blocks

    def befriend(self, a: int, b: int) -> None:
        self.friends.add((min(a, b), max(a, b)))

    def request(self, sender: int, recipient: int) -> None:
        self.requests[(min(sender, recipient), max(sender, recipient))] = (sender, recipient)


def _draw(rng: random.Random, people: list[MemberView], graph: _Graph, named: set[int]) -> None:
    """Random friendships (1–5 each), a quarter as many pending requests, two blocks.

    The named demo accounts keep exactly the relations :data:`_NAMED` gives them.
    """
    ids = [m.id for m in people if m.id not in named]
    if len(ids) < 2:
        return
    for member_id in ids:
        for other in rng.sample(ids, min(len(ids), rng.randint(1, 5))):
            if graph.free(member_id, other):
                graph.befriend(member_id, other)
    for _ in range(len(ids) // 4):
        a, b = rng.sample(ids, 2)
        if graph.free(a, b):
            graph.request(a, b)
    for _ in range(2):
        a, b = rng.sample(ids, 2)
        if graph.free(a, b):
            graph.blocks.add((a, b))


def _named(
    rng: random.Random, me: MemberView, counts: tuple[int, int, int, int], people: list[MemberView], graph: _Graph
) -> None:
    friends, incoming, outgoing, blocks = counts
    others = [m.id for m in people if m.id != me.id]
    rng.shuffle(others)
    for other in others:
        if friends and graph.free(me.id, other):
            graph.befriend(me.id, other)
            friends -= 1
        elif incoming and graph.free(me.id, other):
            graph.request(other, me.id)
            incoming -= 1
        elif outgoing and graph.free(me.id, other):
            graph.request(me.id, other)
            outgoing -= 1
        elif blocks and graph.free(me.id, other):
            graph.blocks.add((me.id, other))
            blocks -= 1


async def seed(ctx: DemoContext) -> None:
    """Create the graph, edition by edition, with bulk inserts."""
    # Our own seeded generator: the same graph whatever other plugins draw from ctx.random.
    rng = random.Random("entraide-friends-demo")
    now = datetime.now(UTC)
    by_site: dict[str, list[MemberView]] = defaultdict(list)
    for member in ctx.members:
        if "operator" not in member.roles:
            by_site[member.site].append(member)
    graph = _Graph()
    for email, counts in _NAMED.items():
        me = ctx.by_email.get(email)
        if me is not None:
            _named(rng, me, counts, by_site[me.site], graph)
    named = {ctx.by_email[e].id for e in _NAMED if e in ctx.by_email}
    for people in by_site.values():
        _draw(rng, people, graph, named)
    site_of = {m.id: m.site for m in ctx.members}
    friendships = []
    for a, b in sorted(graph.friends):
        since = _when(rng, now, 400)
        for x, y in ((a, b), (b, a)):
            friendships.append(Friendship(member=x, friend=y, pair_key=f"{x}:{y}", site=site_of[a], created_at=since))
    requests = [
        FriendRequest(sender=s, recipient=r, pair_key=f"{p[0]}:{p[1]}", site=site_of[s], created_at=_when(rng, now, 20))
        for p, (s, r) in sorted(graph.requests.items())
    ]
    blocks = [
        Block(blocker=a, blocked=b, block_key=f"{a}:{b}", site=site_of[a], created_at=_when(rng, now, 200))
        for a, b in sorted(graph.blocks)
    ]
    for table, rows in ((Friendship, friendships), (FriendRequest, requests), (Block, blocks)):
        for start in range(0, len(rows), 500):
            await table.insert(*rows[start : start + 500])
