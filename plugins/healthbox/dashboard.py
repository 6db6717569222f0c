"""The dashboard's tracker cards (last value, 30-day sparkline), cached per member.

Drawing six sparklines from raw entries on every visit cost more than the rest
of the page. The cards of a member are kept per (day, language, trackers) and
reused while the member's entries of the last 30 days are unchanged: one
aggregate query (:func:`services.entries_stamp`: how many, last recorded)
tells, so an entry saved through another worker shows at once. Writes in this
worker also drop the member's cards directly (:func:`forget`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from core.api import Tracker
from plugins.healthbox import services
from plugins.healthbox.sdk.charts import PLAIN, Labels, sparkline
from plugins.healthbox.sdk.records import series_of

__all__ = ["cards", "forget"]

_MAX_MEMBERS = 5000
_cache: dict[tuple[int, date, str, tuple[str, ...]], tuple[Any, list[dict[str, Any]]]] = {}


def forget(member_id: int) -> None:
    """Drop the member's cached cards (after a write)."""
    for key in [k for k in _cache if k[0] == member_id]:
        del _cache[key]


services.on_entries_written(forget)


async def cards(
    member_id: int, trackers: list[Tracker], today: date, locale: str, gettext: Any, labels: Labels = PLAIN
) -> list[dict[str, Any]]:
    """One card per tracker: last value, its unit and label, and the sparkline (None with < 2 points)."""
    since = today - timedelta(days=29)
    key = (member_id, today, locale, tuple(t.slug for t in trackers))
    stamp = await services.entries_stamp(member_id, since=since)
    found = _cache.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    records = await services.load_records(member_id, [t.slug for t in trackers], since=since)
    built = []
    for tracker in trackers:
        mine = [r for r in records if r.tracker == tracker.slug]
        series_key = tracker.chart.series[0] if tracker.chart else tracker.keys[0]
        points = series_of(mine, series_key)
        item = tracker.lookup(series_key)
        spark = sparkline(points, title=gettext(tracker.name), labels=labels) if len(points) > 1 else None
        built.append(
            {
                "tracker": tracker,
                "last": points[-1] if points else None,
                "unit": getattr(item, "unit_text", "") or "",
                "label": gettext(item.label),
                "spark": Markup(spark) if spark else None,  # noqa: S704 - SVG built with escaping
            }
        )
    if len(_cache) >= _MAX_MEMBERS:
        _cache.clear()
    _cache[key] = (stamp, built)
    return built
