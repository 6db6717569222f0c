"""The wall's feed page for a member with 200 friends and 20 groups over 1,000,000 posts.

Seeds a SQLite database (cached in ``bench/.cache/``; ``--reseed`` rebuilds
it) with 5,000 members of the French edition, the viewer's 200 friendships
and two blocks through the real ``friends`` tables, 500 groups with the
viewer in 20 of them through the real ``groups`` tables (the plugins answer
``friends.friends``, ``friends.blocked`` and ``groups.memberships`` as on a
real page), and 1,000,000 posts written in one transaction with
``executemany``: friends-only and edition-wide posts by every member, posts in
the 500 groups, a few on another edition, 1 % hidden by moderation.

Then times ``GET /wall/`` through the whole app (session, edition, every
installed plugin's navigation and badges, the feed query, Markdown, Jinja)
with an in-process ASGI client in the app's own event loop (as
``bench/plugin_overhead.py`` does: no server thread to schedule on a busy
machine), signed in as the viewer, plus the second page
(``?before=<cursor>``). Also prints the query plan of one feed arm to show
it reads an index range, not the table, the load average (other work on a
shared machine inflates wall-clock times) and the CPU time per page, which
load does not inflate. Target: median < 100 ms on 2 cores.
Run: ``uv run python bench/feed.py [--runs N] [--reseed]``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import re
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from litestar import Litestar

from core.app import create_app, piccolo_app_modules
from core.migrate import migrate
from core.settings import load_settings
from core.testing import DEMO_PASSWORD, make_member

POSTS = 1_000_000
MEMBERS = 5_000
FRIENDS = 200
GROUPS = 500
MY_GROUPS = 20
VIEWER = "feed-viewer@example.org"
CACHE = Path(__file__).parent / ".cache"
DB = CACHE / "feed.sqlite3"
BODIES = (
    "Bonne journée à tous, **un peu moins de douleur** aujourd'hui.",
    "Quelqu'un a essayé la marche nordique ? Conseils bienvenus :\n\n- bâtons\n- chaussures\n- rythme",
    "Merci pour vos messages d'hier, *ça m'a fait du bien*.",
    "Un article intéressant : [fatigue et sommeil](https://www.example.org/fatigue) à lire.",
    "Rendez-vous chez le kiné demain. Je vous raconte.",
)


def _posts(rng: random.Random, start: datetime) -> Any:
    """Rows of ``wall_post``, oldest first (ids grow with time, like the real wall)."""
    step = timedelta(days=365) / POSTS
    for i in range(POSTS):
        when = (start + step * i).isoformat()
        author = rng.randint(1, MEMBERS)
        site = "de" if rng.random() < 0.05 else "fr"
        if rng.random() < 0.3:
            group = rng.randint(1, GROUPS)
            audience, group_id, group_name = "group", group, f"Groupe {group}"
        else:
            audience, group_id, group_name = rng.choice(("friends", "members")), None, ""
        yield (author, site, audience, group_id, group_name, rng.choice(BODIES), when, None,
               rng.random() < 0.01, rng.randint(0, 30), rng.randint(0, 12), 0)  # fmt: skip


def member(i: int, hashed: str, now: datetime) -> tuple[Any, ...]:
    """One ``core_member`` row (same password as the viewer's: nobody else signs in)."""
    return (f"m{i}@example.org", True, f"Membre{i}", f"membre{i}", hashed, 1980, "fr", "member", False, i % 12,
            now.isoformat())  # fmt: skip


def seed(viewer_id: int) -> None:
    rng = random.Random(10)
    now = datetime.now(UTC)
    with sqlite3.connect(DB) as conn:
        hashed = conn.execute("SELECT password_hash FROM core_member WHERE id = ?", (viewer_id,)).fetchone()[0]
        conn.executemany(
            "INSERT INTO core_member (email, email_verified, pseudonym, pseudonym_key, password_hash, birth_year,"
            " site, role, pro_verified, avatar_choice, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [member(i, hashed, now) for i in range(MEMBERS - 1)],
        )
        others = [row[0] for row in conn.execute("SELECT id FROM core_member WHERE id != ? ORDER BY id", (viewer_id,))]
        friends = rng.sample(others, FRIENDS)
        rows = []
        for friend in friends:
            rows += [(viewer_id, friend, f"{viewer_id}:{friend}"), (friend, viewer_id, f"{friend}:{viewer_id}")]
        conn.executemany(
            "INSERT INTO friends_friendship (member, friend, pair_key, site, created_at) VALUES (?,?,?,'fr',?)",
            [(*row, now.isoformat()) for row in rows],
        )
        blocked = [m for m in others if m not in set(friends)][:2]
        conn.executemany(
            "INSERT INTO friends_block (blocker, blocked, block_key, site, created_at) VALUES (?,?,?,'fr',?)",
            [(viewer_id, b, f"{viewer_id}:{b}", now.isoformat()) for b in blocked],
        )
        seed_groups(conn, viewer_id, rng.sample(others, 300), now)
        conn.executemany(
            "INSERT INTO wall_post (author, site, audience, group_id, group_name, body, created_at, edited_at,"
            " hidden, like_count, comment_count, photo_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            _posts(rng, now - timedelta(days=365)),
        )
        conn.execute("ANALYZE")


def seed_groups(conn: sqlite3.Connection, viewer_id: int, members: list[int], now: datetime) -> None:
    """500 public groups; the viewer is an active member of 20, a few hundred others of one each."""
    conn.executemany(
        "INSERT INTO groups_group (site, slug, group_key, language, name, description, visibility, conditions,"
        " member_count, thread_count, created_at) VALUES ('fr', ?, ?, 'fr', ?, '', 'public', '', 0, 0, ?)",
        [(f"groupe-{g}", f"fr:groupe-{g}", f"Groupe {g}", now.isoformat()) for g in range(1, GROUPS + 1)],
    )
    ids = [row[0] for row in conn.execute("SELECT id FROM groups_group ORDER BY id")]
    pairs = [(ids[i], viewer_id) for i in range(MY_GROUPS)]
    pairs += [(ids[i % GROUPS], m) for i, m in enumerate(members)]
    conn.executemany(
        'INSERT INTO groups_membership ("group", member, membership_key, status, role, created_at)'
        " VALUES (?, ?, ?, 'active', 'member', ?)",
        [(g, m, f"{g}:{m}", now.isoformat()) for g, m in pairs],
    )
    conn.execute(
        "UPDATE groups_group SET member_count ="
        ' (SELECT count(*) FROM groups_membership WHERE "group" = groups_group.id)'
    )


CPU: list[float] = []  # CPU time of this process per request (all threads: SQLite runs in workers)


async def timed(client: httpx.AsyncClient, url: str, runs: int) -> list[float]:
    """Wall-clock milliseconds per request (what a member waits); CPU milliseconds go to ``CPU``."""
    samples = []
    CPU.clear()
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        response = await client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


async def measure(app: Litestar, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Sign in as the viewer, check the page, then time the first and the second page."""
    async with (
        app.lifespan(),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
            base_url="http://fr.localhost",
            headers={"accept": "text/html"},
        ) as client,
    ):
        await client.get("/login")
        form = {"_csrf_token": client.cookies["csrftoken"], "email": VIEWER, "password": DEMO_PASSWORD}
        assert (await client.post("/login", data=form)).status_code == 303, "login failed"
        page = await client.get("/wall/")
        assert page.status_code == 200 and page.text.count('<article class="card wall-post"') == 20, "no feed"
        assert re.search(r"href=\"/groups/\d+/\"", page.text), "no group post: memberships not answered"
        cursor = re.search(r"before=(\d+)", page.text)
        assert cursor is not None, "no next page"
        await timed(client, "/wall/", 5)  # warm-up: templates compiled, caches filled
        first = await timed(client, "/wall/", runs)
        cpu = list(CPU)
        second = await timed(client, f"/wall/?before={cursor.group(1)}", runs // 2)
    return first, second, cpu


def summary(samples: list[float]) -> str:
    p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]
    return f"median {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms"


def main(runs: int, reseed: bool) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    CACHE.mkdir(exist_ok=True)
    if reseed:
        for path in CACHE.glob("feed.sqlite3*"):
            path.unlink()
    fresh = not DB.exists()
    settings = load_settings({}, cwd=CACHE, database_url=f"sqlite:///{DB}", data_dir=str(CACHE))
    app = create_app(settings)
    installed = sorted(app.state.entraide.registry.installed)
    rt = app.state.entraide
    asyncio.run(migrate(rt.engine, piccolo_app_modules(rt.registry)))
    if fresh:
        viewer_id = make_member(app, email=VIEWER, pseudonym="Lecteur")
        start = time.perf_counter()
        seed(viewer_id)
        print(f"seeded {POSTS:,} posts, {MEMBERS:,} members in {time.perf_counter() - start:.1f} s")
    with sqlite3.connect(DB) as conn:
        viewer_id = conn.execute("SELECT id FROM core_member WHERE email = ?", (VIEWER,)).fetchone()[0]
        if not conn.execute("SELECT count(*) FROM groups_group").fetchone()[0]:  # a cache from before groups
            others = [r[0] for r in conn.execute("SELECT id FROM core_member WHERE id != ? LIMIT 300", (viewer_id,))]
            seed_groups(conn, viewer_id, others, datetime.now(UTC))
        total = conn.execute("SELECT count(*) FROM wall_post").fetchone()[0]
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM wall_post WHERE author = 2 AND site = 'fr' AND id <= 999999"
            " AND hidden = 0 AND group_id IS NULL ORDER BY id DESC LIMIT 21"
        ).fetchall()
    print(f"{total:,} posts; query plan of a friend's arm:", "; ".join(str(row[-1]) for row in plan))
    first, second, cpu = asyncio.run(measure(app, runs))
    print(f"{FRIENDS} friends, {MY_GROUPS} groups, plugins: {', '.join(installed)}")
    print(f"second page (?before=): {summary(second)}")
    print("load average (1, 5, 15 min) after the run: {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg()))
    print(f"first page CPU time (load-independent): {summary(cpu)}")
    print(f"feed: {summary(first)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--reseed", action="store_true", help="rebuild the cached database")
    args = parser.parse_args()
    main(args.runs, args.reseed)
    sys.exit(0)
