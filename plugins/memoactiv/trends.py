"""A member's check-ins per exercise turned into trends (baseline, RCI, z), and the overall message.

Reference-group values are recomputed from the installation's check-ins at
most once an hour per process (:mod:`plugins.memoactiv.reference`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from plugins.memoactiv import services
from plugins.memoactiv.change import Point, Reference, Trend, trend
from plugins.memoactiv.exercises import EXERCISES
from plugins.memoactiv.reference import from_group

__all__ = ["ExerciseTrend", "declining_families", "member_trends", "reference_for"]

_CACHE: dict[str, tuple[float, Reference]] = {}
CACHE_SECONDS = 3600.0


async def reference_for(exercise: str) -> Reference:
    """SD₁, r and practice gain for one exercise (own data from 200 members on, else provisional)."""
    cached = _CACHE.get(exercise)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    ref = from_group(exercise, await services.group_series(exercise))
    _CACHE[exercise] = (time.monotonic(), ref)
    return ref


@dataclass
class ExerciseTrend:
    """The check-in runs of one exercise (oldest first) with their trend."""

    exercise: str
    runs: list[dict[str, Any]]
    trend: Trend
    reference: Reference


def _point(run: dict[str, Any], sessions: dict[int, dict[str, Any]]) -> Point:
    session = sessions.get(run["session_id"] or 0)
    context = tuple(session["context"]) if session else ()
    return Point(run["day"], run["primary"], run["device"].get("class", ""), bool(run["valid"]), context)


async def member_trends(member_id: int, exercise: str | None = None) -> dict[str, ExerciseTrend]:
    """Trends of the member's check-ins, for every exercise (or one)."""
    runs = await services.done_runs(member_id, exercise, mode="checkin")
    sessions = await services.sessions_by_id(member_id)
    by_exercise: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        by_exercise.setdefault(run["exercise"], []).append(run)
    result = {}
    for slug, items in by_exercise.items():
        ref = await reference_for(slug)
        result[slug] = ExerciseTrend(slug, items, trend([_point(r, sessions) for r in items], ref), ref)
    return result


def declining_families(trends: dict[str, ExerciseTrend]) -> list[str]:
    """Kinds of task whose last two check-ins are below the usual range (one per kind).

    One per family, and Stroop and the arrows (flanker) count as one kind
    (interference): neither alone nor both together make a suggestion (§7d).
    """
    return sorted({EXERCISES[slug].group for slug, t in trends.items() if t.trend.below})
