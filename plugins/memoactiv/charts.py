"""Server-side SVG chart of one exercise's check-ins (reference sheet §7f.6).

A line through the check-ins, the baseline ± 1.96 × S_diff band shaded, the
first two (practice) check-ins and runs that do not count drawn hollow and
grey, and a ring around check-ins with logged context (bad night, illness…).
No population percentiles. Every point has a ``<title>`` and the page has the
same data as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from plugins.memoactiv.change import Trend

__all__ = ["chart_svg"]

W, H = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = (high - low) or 1.0
    raw = span / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = step * (low // step)
    ticks, value = [], start
    while value <= high + step / 2:
        ticks.append(round(value, 6))
        value += step
    return ticks


def _bounds(scores: Sequence[float], band: tuple[float, float] | None) -> tuple[float, float]:
    values = [*scores, *(band or ())]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1.0
    return low - pad, high + pad


def chart_svg(
    runs: Sequence[dict[str, Any]],
    trend: Trend,
    *,
    label: str,
    fmt_value: Callable[[float], str],
    fmt_day: Callable[[Any], str],
    texts: dict[str, str],
) -> Markup:
    """The chart as inline SVG markup (empty when there is nothing to draw)."""
    points = [(i, run) for i, run in enumerate(runs) if run["primary"] is not None]
    if not points:
        return Markup("")
    scores = [float(run["primary"]) for _, run in points]
    low, high = _bounds(scores, trend.band)
    ticks = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(pos: int) -> float:
        return LEFT + (plot_w * pos / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    parts = [
        f'<svg class="memoactiv-chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="ma-chart-title">',
        f'<title id="ma-chart-title">{escape(label)}</title>',
    ]
    if trend.band:
        top, bottom = y(trend.band[1]), y(trend.band[0])
        parts.append(
            f'<rect class="ma-band" x="{LEFT}" y="{top:.1f}" width="{plot_w}" height="{bottom - top:.1f}">'
            f"<title>{escape(texts['band'])}</title></rect>"
        )
        base = y(trend.baseline or 0)
        parts.append(f'<line class="ma-baseline" x1="{LEFT}" x2="{W - RIGHT}" y1="{base:.1f}" y2="{base:.1f}"/>')
    for tick in ticks:
        parts.append(f'<line class="ma-grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        label = escape(fmt_value(tick))
        parts.append(f'<text class="ma-tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{label}</text>')
    path = " ".join(f"{'M' if k == 0 else 'L'}{x(k):.1f},{y(s):.1f}" for k, s in enumerate(scores))
    parts.append(f'<path class="ma-line" d="{path}"/>')
    for k, (i, run) in enumerate(points):
        role = trend.roles[i]
        hollow = role in ("practice", "excluded")
        kind = texts.get(role, "")
        title = f"{fmt_day(run['day'])}: {fmt_value(scores[k])}" + (f" ({kind})" if kind else "")
        css = "ma-point ma-point-muted" if hollow else "ma-point"
        cx, cy = x(k), y(scores[k])
        parts.append(f'<circle class="{css}" cx="{cx:.1f}" cy="{cy:.1f}" r="6"><title>{escape(title)}</title></circle>')
        if run.get("context"):
            parts.append(f'<circle class="ma-context" cx="{cx:.1f}" cy="{cy:.1f}" r="10"/>')
    for k in sorted({0, len(points) - 1}):
        anchor = "start" if k == 0 and len(points) > 1 else "end" if k else "middle"
        day = escape(fmt_day(points[k][1]["day"]))
        parts.append(f'<text class="ma-tick" x="{x(k):.1f}" y="{H - 14}" text-anchor="{anchor}">{day}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every dynamic text above is escaped
