"""Small statistics over dated series: moving averages, trends, weekly totals.

Series are lists of ``(date, value)`` points. Windows are calendar-based (the
last 7 days, not the last 7 entries) so gaps in logging are not hidden.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Literal

__all__ = ["Point", "in_window", "least_squares_slope", "moving_average", "rolling_sd", "weekly_totals"]

Point = tuple[date, float]


def moving_average(points: Sequence[Point], days: int = 7, *, min_points: int = 1) -> list[Point]:
    """Trailing calendar-window mean at each point's date.

    Daily weight swings of 1–2 kg are normal, so the 7-day average is the
    headline value and the raw points are shown faint.

    Args:
        points: Points sorted by date.
        days: Window length in days, the point's own day included.
        min_points: Fewer points than this in a window give no average.

    Returns:
        One point per input point that has enough data in its window.
    """
    window: deque[Point] = deque()
    total = 0.0
    result: list[Point] = []
    for day, value in points:
        window.append((day, value))
        total += value
        while window[0][0] <= day - timedelta(days=days):
            total -= window.popleft()[1]
        if len(window) >= min_points:
            result.append((day, total / len(window)))
    return result


def least_squares_slope(points: Sequence[Point]) -> float | None:
    """Ordinary least-squares slope in value units per day.

    Returns:
        The slope, or None with fewer than two distinct days.
    """
    if len({day for day, _ in points}) < 2:
        return None
    origin = points[0][0]
    xs = [float((day - origin).days) for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx


def in_window(points: Iterable[Point], end: date, days: int) -> list[Point]:
    """Points dated within the ``days`` days ending on ``end`` (inclusive)."""
    start = end - timedelta(days=days - 1)
    return [(day, value) for day, value in points if start <= day <= end]


def rolling_sd(points: Sequence[Point], end: date, days: int = 7) -> float | None:
    """Sample standard deviation over a calendar window (None with < 2 points)."""
    values = [value for _, value in in_window(points, end, days)]
    return statistics.stdev(values) if len(values) >= 2 else None


def weekly_totals(points: Iterable[Point], how: Literal["sum", "mean"] = "sum") -> list[Point]:
    """Aggregate points into ISO weeks (Monday start), dated by the Monday.

    WHO activity targets are weekly, so daily minutes are summed per week.
    """
    weeks: dict[date, list[float]] = {}
    for day, value in points:
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(value)
    combine = sum if how == "sum" else statistics.fmean
    return [(monday, float(combine(values))) for monday, values in sorted(weeks.items())]
