"""Health Box export of one member with 10 years of daily entries on six trackers.

Seeds a fresh SQLite database through the same validation as the forms, then
times the full personal-data export (``/me/export`` JSON and the zip with CSV
files), reported against a baseline measured in the same run: reading the
same rows with a bare ``SELECT`` (the floor any export must pay).
Target: < 2 s for the JSON export. Run: ``uv run python bench/healthbox_export.py``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from core.app import create_app, piccolo_app_modules
from core.migrate import migrate
from core.privacy import encode_json, export_member, export_zip
from core.settings import load_settings
from core.tables import Member
from plugins.healthbox.demo import generate_records, insert_records

YEARS = 10


async def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "bench.sqlite3"
    app = create_app(load_settings({}, cwd=tmp, database_url=f"sqlite:///{db}", data_dir=str(tmp)))
    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))
    member = Member(
        email="bench@example.org",
        pseudonym="Bench",
        pseudonym_key="bench",
        password_hash="!",  # noqa: S106 - not a usable hash: no login
        birth_year=1970,
        site="fr",
        created_at=datetime.now(UTC),
    )
    await member.save()
    tz = rt.site("fr").tz
    start = time.perf_counter()
    count = await insert_records(member.id, generate_records(datetime.now(tz).date(), 365 * YEARS, tz, seed=1))
    print(f"seeded {count} entries ({YEARS} years × 6 trackers) in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT * FROM healthbox_entry WHERE member = ?", (member.id,)).fetchall()
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    document = await export_member(rt, member.id)
    body = encode_json(document)
    json_time = time.perf_counter() - start

    start = time.perf_counter()
    archive = export_zip(await export_member(rt, member.id))
    zip_time = time.perf_counter() - start

    print(f"bare SELECT of {len(rows)} rows:   {baseline:.3f} s (baseline)")
    size = len(body) / 1e6
    print(f"JSON export ({size:.1f} MB):      {json_time:.3f} s  ratio {json_time / baseline:.0f}x  target < 2 s")
    print(f"ZIP export ({len(archive) / 1e6:.1f} MB):       {zip_time:.3f} s")
    await rt.engine.close_idle()


if __name__ == "__main__":
    asyncio.run(main())
