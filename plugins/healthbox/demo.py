"""Plausible demo entries, produced through the same validation as the forms.

Every generated day goes through :func:`validate_entry`, so demo data (and
the export benchmark's 10 years) are exactly what members could have typed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo

from core.api import validate_entry
from plugins.healthbox.sdk.records import EntryRecord
from plugins.healthbox.services import dumps, set_setting
from plugins.healthbox.tables import Entry
from plugins.healthbox.trackers import BUILTIN_TRACKERS

__all__ = ["demo_raw", "generate_records", "seed_member"]

TRACKERS = {t.slug: t for t in BUILTIN_TRACKERS}


def _clock(minutes: float) -> str:
    minutes = int(minutes) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def demo_raw(slug: str, day: date, i: int, rng: random.Random) -> dict[str, str]:
    """Form strings for one day of one tracker (``i`` = day index, for trends)."""
    wave = math.sin(i / 9)
    if slug == "weight":
        return {"weight": f"{74 - i * 0.01 + wave * 0.6 + rng.uniform(-0.4, 0.4):.1f}", "height": "168"}
    if slug == "feeling":
        base = 6 + wave * 1.5
        return {
            "feel_physical": str(max(0, min(10, round(base + rng.uniform(-2, 2))))),
            "feel_psych": str(max(0, min(10, round(base + rng.uniform(-1.5, 2))))),
            "feel_social": str(max(0, min(10, round(base + 0.5 + rng.uniform(-2, 1.5))))),
            "stress": str(max(0, min(10, round(5 - wave * 1.5 + rng.uniform(-2, 2))))),
        }
    if slug == "sleep":
        bed = 23 * 60 + rng.uniform(-40, 50)
        final = 6 * 60 + 40 + rng.uniform(-30, 40)
        return {
            "t_bed": _clock(bed),
            "t_try": _clock(bed + rng.uniform(0, 20)),
            "sol_min": str(rng.randint(5, 40)),
            "n_awak": str(rng.randint(0, 3)),
            "waso_min": str(rng.randint(0, 35)),
            "t_final": _clock(final),
            "t_out": _clock(final + rng.uniform(5, 25)),
            "quality": str(rng.randint(2, 5)),
            "fatigue": str(rng.randint(1, 7)),
        }
    if slug == "tobacco":
        return {"cigs_today": str(max(0, round(14 - i * 0.05 + rng.uniform(-3, 3)))), "craving": str(rng.randint(2, 8))}
    if slug == "food":
        return {
            "fruit_veg": str(rng.randint(2, 6)),
            "unsalted_nuts": str(rng.choice([0, 0, 1])),
            "legumes": str(rng.choice([0, 0, 1])),
            "wholegrain_starchy": str(rng.randint(0, 2)),
            "dairy": str(rng.randint(1, 3)),
            "fish": str(rng.choice([0, 0, 0, 1])),
            "oily_fish": str(rng.choice([0, 0, 0, 0, 1])),
            "red_meat_g": str(rng.choice([0, 0, 100, 150])),
            "processed_meat_g": str(rng.choice([0, 0, 0, 50])),
            "sugary_drinks": str(rng.choice([0, 0, 1, 2])),
            "alcohol_std_drinks": str(rng.choice([0, 0, 0, 1, 2])),
            "ultra_processed": str(rng.randint(0, 2)),
            "log_complete": "1",
        }
    return {
        "light_min": str(rng.randint(20, 120)),
        "moderate_min": str(rng.choice([0, 0, 20, 30, 45])),
        "vigorous_min": str(rng.choice([0, 0, 0, 20])),
        "steps": str(rng.randint(3000, 12000)),
        "strength": rng.choice(["", "", "1"]),
        "sitting_h": f"{rng.uniform(4, 9):.1f}",
    }


def generate_records(end: date, days: int, tz: tzinfo, seed: int) -> Iterator[EntryRecord]:
    """``days`` days of entries on the six trackers, ending on ``end``."""
    rng = random.Random(seed)
    for i in range(days):
        day = end - timedelta(days=days - 1 - i)
        for slug, tracker in TRACKERS.items():
            if rng.random() < 0.12:  # nobody logs every single day
                continue
            raw = {"date": day.isoformat(), **demo_raw(slug, day, i, rng)}
            result = validate_entry(tracker, raw, today=end, confirm_outliers=True)
            if result.ok:
                moment = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=20)
                yield EntryRecord.from_result(slug, result, moment, tz)


async def insert_records(member_id: int, records: Iterator[EntryRecord], batch: int = 500) -> int:
    """Bulk insert (demo, benchmarks): one statement per ``batch`` rows."""
    count = 0
    rows: list[Entry] = []
    for record in records:
        rows.append(
            Entry(
                member=member_id,
                tracker=record.tracker,
                day=record.day,
                entry_key=f"{member_id}:{record.tracker}:{record.day.isoformat()}",
                values=dumps(dict(record.values)),
                recorded_at=record.recorded_at,
                tz=str(record.tz),
                confirmed_outlier=record.confirmed_outlier,
            )
        )
        if len(rows) >= batch:
            await Entry.insert(*rows)
            count += len(rows)
            rows = []
    if rows:
        await Entry.insert(*rows)
        count += len(rows)
    return count


async def seed_member(member_id: int, tz: tzinfo, *, days: int) -> int:
    """Demo data for one member: entries, height, a quit plan."""
    today = datetime.now(tz).date()
    count = await insert_records(member_id, generate_records(today, days, tz, seed=member_id))
    await set_setting(member_id, "height_cm", 168.0)
    await set_setting(member_id, "pack_price", 12.5)
    await set_setting(member_id, "baseline_per_day", 15)
    return count
