"""The wall feed at scale: one member with 200 friends and 20 groups, over 1,000,000 posts.

Seeds a fresh SQLite database straight through ``sqlite3`` (seeding speed is
not what we measure): 5,000 members of the French edition, 500 groups, the
viewer's 200 friendships (both rows, as the friends plugin stores them) and
20 group memberships, then 1,000,000 wall posts spread over every author and
group (60 % friends-only, 25 % for all members, 15 % in a group). Then it
signs the viewer in and times whole ``GET /wall/`` pages through the real
application (the friends and groups plugins answer ``related``; the page is
rendered): the first page, and pages further down by keyset (``?before=``).

Target: median < 100 ms on a 2-core machine. Run: ``uv run python bench/feed.py [posts]``.
The last line reads ``feed: median <ms> ms, p95 <ms> ms``.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from litestar.testing import TestClient

from core.app import create_app, piccolo_app_modules
from core.migrate import migrate
from core.settings import load_settings
from core.testing import login, make_member

POSTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
MEMBERS = 5_000
GROUPS = 500
FRIENDS = 200
MY_GROUPS = 20
REQUESTS = 100
SITE = "fr"
WHEN = "2026-01-01T00:00:00+00:00"


def _posts(rng: random.Random, first_member: int) -> Iterator[tuple[object, ...]]:
    for post_id in range(1, POSTS + 1):
        author = rng.randint(first_member, first_member + MEMBERS - 1)
        draw = rng.random()
        if draw < 0.6:
            audience, group, name = "friends", None, ""
        elif draw < 0.85:
            audience, group, name = "members", None, ""
        else:
            group = rng.randint(1, GROUPS)
            audience, name = "group", f"Groupe {group}"
        body = f"Message {post_id} : **bonne journée** à toutes et à tous, on se retrouve demain ?"
        yield (post_id, author, SITE, audience, group, name, body, WHEN, 0, 0, 0, 0)


def seed(db: Path, viewer: int) -> None:
    rng = random.Random(2026)
    first = viewer + 1
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO core_member (id, email, email_verified, pseudonym, pseudonym_key, password_hash,"
            " birth_year, site, role, pro_verified, avatar_choice, created_at)"
            " VALUES (?, ?, 1, ?, ?, '!', 1980, ?, 'member', 0, 0, ?)",
            ((i, f"m{i}@bench.test", f"Member{i}", f"member{i}", SITE, WHEN) for i in range(first, first + MEMBERS)),
        )
        conn.executemany(
            "INSERT INTO groups_group (id, site, slug, group_key, language, name, description, visibility,"
            " conditions, member_count, thread_count, created_at) VALUES (?, ?, ?, ?, 'fr', ?, '', 'public', '',"
            " 50, 0, ?)",
            ((g, SITE, f"g{g}", f"{SITE}:g{g}", f"Groupe {g}", WHEN) for g in range(1, GROUPS + 1)),
        )
        conn.executemany(
            'INSERT INTO groups_membership ("group", member, membership_key, status, role, created_at)'
            " VALUES (?, ?, ?, 'active', 'member', ?)",
            ((g, viewer, f"{g}:{viewer}", WHEN) for g in rng.sample(range(1, GROUPS + 1), MY_GROUPS)),
        )
        friends = rng.sample(range(first, first + MEMBERS), FRIENDS)
        conn.executemany(
            "INSERT INTO friends_friendship (member, friend, pair_key, site, created_at) VALUES (?, ?, ?, ?, ?)",
            [(a, b, f"{a}:{b}", SITE, WHEN) for f in friends for a, b in ((viewer, f), (f, viewer))],
        )
        rows = _posts(rng, first)
        while batch := [row for _, row in zip(range(100_000), rows, strict=False)]:
            conn.executemany(
                "INSERT INTO wall_post (id, author, site, audience, group_id, group_name, body, created_at,"
                " hidden, like_count, comment_count, photo_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
        conn.execute("ANALYZE")


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "bench.sqlite3"
    app = create_app(load_settings({}, cwd=tmp, database_url=f"sqlite:///{db}", data_dir=str(tmp)))
    rt = app.state.entraide
    asyncio.run(migrate(rt.engine, piccolo_app_modules(rt.registry)))
    viewer = make_member(app, email="viewer@bench.test", pseudonym="Viewer", site=SITE)
    start = time.perf_counter()
    seed(db, viewer)
    print(f"seeded {POSTS} posts, {MEMBERS} members, {GROUPS} groups in {time.perf_counter() - start:.1f} s")
    with TestClient(app, base_url=f"http://{SITE}.localhost") as client:
        client.headers["accept"] = "text/html"
        login(client, "viewer@bench.test")
        first = client.get("/wall/")
        assert first.status_code == 200 and first.text.count("card wall-post") >= 20, first.text[-3000:]
        cursors = [None, *random.Random(7).sample(range(POSTS // 2, POSTS), 9)]
        for _ in range(5):  # warm-up: templates compiled, caches filled
            client.get("/wall/")
        timings: list[float] = []
        slow: list[str] = []
        for number in range(REQUESTS):
            cursor = cursors[number % len(cursors)]
            url = "/wall/" if cursor is None else f"/wall/?before={cursor}"
            begin = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200
            if timings[-1] > 100:
                slow.append(f"{url} {timings[-1]:.0f} ms")
    print("slower than 100 ms:", ", ".join(slow) or "none")
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{REQUESTS} feed pages (first page and keyset pages), {FRIENDS} friends, {MY_GROUPS} groups")
    print(f"feed: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
