"""Directory search over 100,000 listings on SQLite: "physiotherapist near Lyon, 20 km".

Seeds a fresh SQLite database with 100,000 French listings spread over the
gazetteer's towns (weighted by population, a few kilometres around each
centre, every specialty), then times the search the page runs
(``plugins.directory.search.search``: keyword -> specialty codes, bounding
box on the ``(site, lat, lon)`` index, exact distances for the rows in the
box, sort, first page). Also prints the query plan to show the index is used.
Target: median < 100 ms on 2 cores. Run: ``uv run python bench/directory.py``.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from core.api import bounding_box, geocode
from core.app import create_app, piccolo_app_modules
from core.gazetteer import _area
from core.migrate import migrate
from core.settings import load_settings
from plugins.directory.search import search
from plugins.directory.services import search_text
from plugins.directory.specialties import codes_for

LISTINGS = 100_000
RUNS = 60


def seed(db: Path) -> None:
    rng = random.Random(7)
    towns = [p for p in _area("FR").places if not p.approximate and p.population > 0]
    chosen = rng.choices(towns, weights=[p.population for p in towns], k=LISTINGS)
    codes = codes_for("FR")
    now = datetime.now(UTC).isoformat()
    rows = []
    for i, town in enumerate(chosen):
        code = rng.choice(codes)
        lat, lon = town.lat + rng.uniform(-0.05, 0.05), town.lon + rng.uniform(-0.07, 0.07)
        name = f"Cabinet {i}"
        rows.append(("fr", code, name, "", town.postcode, town.name, lat, lon, "+33478123456", "", "fr", "",
                     False, False, False, False, False, None, search_text(name, code, town.name, town.postcode),
                     now, now))  # fmt: skip
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO directory_listing (site, specialty, name, address, postcode, city, lat, lon, phone, website,"
            " languages, hours, wheelchair, hearing_loop, online_booking, video_consultation, verified, owner_id,"
            " search_text, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.execute("ANALYZE")


async def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "bench.sqlite3"
    app = create_app(load_settings({}, cwd=tmp, database_url=f"sqlite:///{db}", data_dir=str(tmp)))
    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))
    start = time.perf_counter()
    seed(db)
    print(f"seeded {LISTINGS} listings in {time.perf_counter() - start:.1f} s")
    lyon = geocode("Lyon", "FR")
    assert lyon is not None
    min_lat, max_lat, min_lon, max_lon = bounding_box(lyon.lat, lyon.lon, 20)
    with sqlite3.connect(db) as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM directory_listing WHERE site = 'fr' AND lat >= ? AND lat <= ?"
            " AND lon >= ? AND lon <= ? AND specialty IN ('physiotherapist')",
            (min_lat, max_lat, min_lon, max_lon),
        ).fetchall()
    print("query plan:", "; ".join(str(row[-1]) for row in plan))
    timings = []
    results = None
    for _ in range(RUNS):
        start = time.perf_counter()
        results = await search("fr", "FR", "physiotherapist", lyon, 20, 1)
        timings.append((time.perf_counter() - start) * 1000)
    assert results is not None
    print(f"{results.total} physiotherapists within 20 km of Lyon; first at {results.rows[0]['km']:.1f} km")
    p95 = sorted(timings)[int(len(timings) * 0.95) - 1]
    print(f"directory: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
