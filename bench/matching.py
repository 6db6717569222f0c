"""Members like me at scale: 100,000 synthetic findable members on one SQLite edition.

Seeds a fresh SQLite database (members, then the matching index rows each
member's public profile would produce, built by the same
``rows_from_payload`` as live events), then times the match query of the
"members like me" page for members with exactly three conditions: the
weighted-overlap aggregate over the ``(site, key, member, weight)`` index
plus the "what do we share" look-up for the 100 best, through the
application's own Piccolo engine. Conditions follow a long-tailed
(Zipf-like) distribution over the 436 coded conditions, so popular ones
(asthma, type 2 diabetes…) are shared by thousands of members, as in life.

Target: median < 200 ms on a 2-core machine. Run: ``uv run python bench/matching.py``.
The last line reads ``matching: median <ms> ms, p95 <ms> ms``.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from core.app import create_app, piccolo_app_modules
from core.migrate import migrate
from core.settings import load_settings
from plugins.matching import index
from plugins.profile.vocabulary import vocabulary

MEMBERS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
QUERIES = 200
SITE = "fr"


def _payload(rng: random.Random, conditions: list[str], symptoms: list[str], weights: list[float]) -> dict:
    vocab = vocabulary()
    chosen = sorted(set(rng.choices(conditions, weights=weights, k=rng.choice((1, 2, 3, 3, 4)))))
    picked = sorted(set(rng.sample(symptoms, rng.randint(0, 3))))
    concepts = {
        code: {
            "kind": "condition",
            "category": vocab.get(code).category,
            "family": vocab.get(code).family,
            "labels": {},
        }
        for code in chosen
    }
    return {"public_conditions": chosen, "public_symptoms": picked, "concepts": concepts}


def seed(db: Path) -> tuple[list[int], int]:
    """Members and index rows, straight into SQLite (seeding speed is not what we measure)."""
    rng = random.Random(2026)
    vocab = vocabulary()
    conditions = [c.code for c in vocab.of_kind("condition")]
    symptoms = [c.code for c in vocab.of_kind("symptom")]
    rng.shuffle(conditions)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(conditions))]
    three: list[int] = []
    rows = 0
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO core_member (id, email, email_verified, pseudonym, pseudonym_key, password_hash,"
            " birth_year, site, role, pro_verified, avatar_choice, created_at)"
            " VALUES (?, ?, 1, ?, ?, '!', 1980, ?, 'member', 0, 0, '2026-01-01T00:00:00+00:00')",
            ((i, f"m{i}@bench.test", f"Member{i}", f"member{i}", SITE) for i in range(1, MEMBERS + 1)),
        )
        batch: list[tuple[int, str, str, str, int]] = []
        for member in range(1, MEMBERS + 1):
            payload = _payload(rng, conditions, symptoms, weights)
            if len(payload["public_conditions"]) == 3:
                three.append(member)
            batch.extend((member, SITE, k, c, w) for k, c, w in index.rows_from_payload(payload))
            if len(batch) > 50_000:
                conn.executemany(
                    "INSERT INTO matching_entry (member, site, key, code, weight) VALUES (?, ?, ?, ?, ?)", batch
                )
                rows += len(batch)
                batch.clear()
        conn.executemany("INSERT INTO matching_entry (member, site, key, code, weight) VALUES (?, ?, ?, ?, ?)", batch)
        rows += len(batch)
        conn.execute("ANALYZE")
    return three, rows


async def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "bench.sqlite3"
    app = create_app(load_settings({}, cwd=tmp, database_url=f"sqlite:///{db}", data_dir=str(tmp)))
    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))
    start = time.perf_counter()
    three, rows = seed(db)
    print(f"seeded {MEMBERS} members, {rows} index rows in {time.perf_counter() - start:.1f} s")
    with sqlite3.connect(db) as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT member, SUM(weight) FROM matching_entry WHERE site = 'fr'"
            " AND key IN ('c:J45', 'f:J40-J47') AND member <> 1 GROUP BY member"
        ).fetchall()
    print("plan:", "; ".join(str(p[-1]) for p in plan))
    rng = random.Random(7)
    timings = []
    found = []
    for member in rng.sample(three, QUERIES):
        keys = {r["key"]: int(r["weight"]) for r in await index.entries_of(member) if r["weight"]}
        start = time.perf_counter()
        best = await index.similar(SITE, member, keys, 100)
        await index.shared_keys(keys, [m for m, _ in best])
        timings.append((time.perf_counter() - start) * 1000)
        found.append(len(best))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{QUERIES} queries for members with 3 conditions; {statistics.median(found):.0f} matches shown (max 100)")
    print(f"matching: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
