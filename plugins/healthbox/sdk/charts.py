"""Server-side SVG charts and their accessible data tables.

Why server-side: no JavaScript, no external references, works under a strict
CSP and for screen readers (``role="img"`` with ``<title>``/``<desc>``, plus
``data_table`` giving the same numbers as table rows). Colours are neutral
greys: a health chart must not judge values with red and green.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from core.api import Band
from plugins.healthbox.sdk.stats import Point, moving_average
from plugins.healthbox.sdk.svg import SVG_NS, Frame, chart_id, esc, fmt_number, nice_ticks

__all__ = [
    "PLAIN",
    "DataTable",
    "Labels",
    "ReferenceLine",
    "Series",
    "Style",
    "data_table",
    "moving_average",
    "render_chart",
    "sparkline",
]

Style = Literal["line", "bold", "faint", "bar", "bar_faint", "dots"]
_BARS = ("bar", "bar_faint")
_PALETTE = ("#36454f", "#6e7f8d", "#8a7967", "#5f6f65")
_TEXT, _GRID, _BAND, _REF = "#404040", "#dcdcdc", "#eeeeee", "#6b6b6b"
_FONT = 'font-family="sans-serif" font-size="11"'
_WIDTHS = {"line": 2.0, "bold": 3.0, "faint": 1.0}


@dataclass(frozen=True, slots=True)
class Series:
    """One named series; ``faint`` raw points under a ``bold`` average is the usual pair."""

    label: str
    points: Sequence[Point]
    style: Style = "line"
    tone: int | None = None  # palette index; raw points and their average share one tone
    period_days: int = 1  # 7 for weekly totals dated by their Monday: drawn across the week


@dataclass(frozen=True, slots=True)
class ReferenceLine:
    """A horizontal guide such as the WHO 150 and 300 minutes per week."""

    value: float
    label: str = ""


@dataclass(frozen=True, slots=True)
class Labels:
    """How a chart writes dates and values for people: ISO dates and plain numbers unless the page says.

    A page passes its locale's formatting (``1 déc.``, ``72,5``): ``day`` for the
    axis, ``date`` for the accessible description and table, ``number`` for values.
    """

    day: Callable[[date], str] = date.isoformat
    date: Callable[[date], str] = date.isoformat
    number: Callable[[float], str] = fmt_number


PLAIN = Labels()


@dataclass(frozen=True, slots=True)
class DataTable:
    """The chart's numbers as an HTML-ready table (first column: the date, as ``Labels.date`` writes it)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _finite(points: Sequence[Point]) -> list[Point]:
    return [(day, value) for day, value in points if math.isfinite(value)]


def _frame(
    series: Sequence[Series],
    lines: Sequence[ReferenceLine],
    size: tuple[int, int, float],
    y_range: tuple[float, float] | None,
) -> tuple[Frame, list[float]]:
    width, height, top = size
    first = min(day.toordinal() for s in series for day, _ in s.points)
    last = max(day.toordinal() + s.period_days - 1 for s in series for day, _ in s.points)
    values = [v for s in series for _, v in s.points] + [line.value for line in lines]
    low, high = min(values), max(values)
    if y_range is not None:
        ticks = nice_ticks(min(low, y_range[0]), max(high, y_range[1]))
    else:
        if any(s.style in _BARS for s in series) or low >= 0 > low - 0.05 * (high - low):
            low = min(low, 0.0)
        pad = 0.05 * (high - low) if high > low else 1.0
        ticks = nice_ticks(low if low == 0 else low - pad, high + pad)
    return Frame(52, top, width - 12, height - 30, first, last, ticks[0], ticks[-1]), ticks


def _grid(frame: Frame, ticks: list[float], y_label: str, labels: Labels) -> str:
    parts = ['<g class="healthbox-chart-grid">']
    for tick in ticks:
        y = fmt_number(frame.y(tick))
        parts.append(f'<line x1="{frame.left}" x2="{fmt_number(frame.right)}" y1="{y}" y2="{y}" stroke="{_GRID}"/>')
        parts.append(f'<text x="{frame.left - 6}" y="{y}" dy="4" text-anchor="end" fill="{_TEXT}" {_FONT}>')
        parts.append(f"{esc(labels.number(tick))}</text>")
    if y_label:
        parts.append(f'<text x="4" y="{frame.top - 8}" fill="{_TEXT}" {_FONT}>{esc(y_label)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _x_axis(frame: Frame, labels: Labels) -> str:
    span = frame.last_day - frame.first_day
    count = min(span + 1, 5)
    ordinals = sorted({frame.first_day + round(i * span / max(count - 1, 1)) for i in range(count)})
    parts = ['<g class="healthbox-chart-x">']
    for ordinal in ordinals:
        day = date.fromordinal(ordinal)
        # Outer labels hug the plot edges so they are never clipped by the viewBox.
        anchor = "middle" if len(ordinals) == 1 else {ordinals[0]: "start", ordinals[-1]: "end"}.get(ordinal, "middle")
        x = fmt_number({"start": frame.left, "end": frame.right}.get(anchor, frame.x(day)))
        parts.append(
            f'<text x="{x}" y="{fmt_number(frame.bottom + 18)}" text-anchor="{anchor}" fill="{_TEXT}" {_FONT}>'
        )
        parts.append(f"{esc(labels.day(day))}</text>")
    return "".join(parts) + "</g>"


def _bands(frame: Frame, bands: Sequence[Band]) -> str:
    parts = ['<g class="healthbox-chart-bands">']
    for band in bands:
        low = frame.low if band.low is None else max(band.low, frame.low)
        high = frame.high if band.high is None else min(band.high, frame.high)
        if high <= low:
            continue
        y_top, y_bottom = frame.y(high), frame.y(low)
        parts.append(
            f'<rect x="{frame.left}" y="{fmt_number(y_top)}" width="{fmt_number(frame.right - frame.left)}" '
            f'height="{fmt_number(y_bottom - y_top)}" fill="{_BAND}" stroke="#ffffff"><title>{esc(band.label)}</title>'
            f'</rect><text x="{fmt_number(frame.right - 4)}" y="{fmt_number(y_top + 12)}" text-anchor="end" '
            f'fill="{_REF}" {_FONT}>{esc(band.label)}</text>'
        )
    return "".join(parts) + "</g>"


def _reference_lines(frame: Frame, lines: Sequence[ReferenceLine], labels: Labels) -> str:
    parts = ['<g class="healthbox-chart-reference">']
    for line in lines:
        y = fmt_number(frame.y(line.value))
        label = esc(line.label or labels.number(line.value))
        parts.append(
            f'<line x1="{frame.left}" x2="{fmt_number(frame.right)}" y1="{y}" y2="{y}" stroke="{_REF}" '
            f'stroke-dasharray="6 4"/><text x="{fmt_number(frame.right - 4)}" y="{y}" dy="-4" text-anchor="end" '
            f'fill="{_REF}" {_FONT}>{label}</text>'
        )
    return "".join(parts) + "</g>"


def _colour(series: Series, index: int) -> str:
    return _PALETTE[(index if series.tone is None else series.tone) % len(_PALETTE)]


def _series_svg(frame: Frame, series: Series, index: int) -> str:
    colour = _colour(series, index)
    head = f'<g class="healthbox-series healthbox-series-{index}"><title>{esc(series.label)}</title>'
    shift = (series.period_days - 1) / 2 * frame.slot
    coords = [(fmt_number(frame.x(day) + shift), fmt_number(frame.y(value))) for day, value in series.points]
    if series.style in _BARS:
        width = max(frame.slot * series.period_days * 0.7, 1.0)
        base = frame.y(max(frame.low, 0.0))
        opacity = ' fill-opacity="0.45"' if series.style == "bar_faint" else ""
        body = "".join(
            f'<rect x="{fmt_number(frame.x(day) + shift - width / 2)}" y="{fmt_number(min(frame.y(v), base))}" '
            f'width="{fmt_number(width)}" height="{fmt_number(abs(base - frame.y(v)))}" fill="{colour}"{opacity}/>'
            for day, v in series.points
        )
    elif series.style == "dots" or len(coords) == 1:
        body = "".join(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{colour}"/>' for x, y in coords)
    else:
        path = "M" + " L".join(f"{x},{y}" for x, y in coords)
        opacity = ' stroke-opacity="0.45"' if series.style == "faint" else ""
        body = (
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{_WIDTHS[series.style]}"'
            f'{opacity} stroke-linejoin="round" stroke-linecap="round"/>'
        )
    return head + body + "</g>"


def _legend(series: Sequence[Series], width: int) -> str:
    """One entry per colour (a metric and its average share one), only when colours differ."""
    by_colour: dict[str, str] = {}
    for index, item in enumerate(series):
        by_colour.setdefault(_colour(item, index), item.label)
    if len(by_colour) < 2:
        return ""
    parts, x = ['<g class="healthbox-chart-legend">'], 52.0
    for colour, label in by_colour.items():
        parts.append(f'<rect x="{fmt_number(x)}" y="6" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{fmt_number(x + 14)}" y="15" fill="{_TEXT}" {_FONT}>{esc(label)}</text>')
        x += 24 + 6.5 * len(label)
    return "".join(parts) + "</g>" if x < width else ""


def _describe(series: Sequence[Series], gettext: Callable[[str], str], labels: Labels) -> str:
    parts = []
    for item in series:
        if item.points:
            first, last = item.points[0], item.points[-1]
            text = gettext("{label}: {count} values from {start} to {end}; latest {latest}.")
            parts.append(
                text.format(
                    label=item.label,
                    count=len(item.points),
                    start=labels.date(first[0]),
                    end=labels.date(last[0]),
                    latest=labels.number(last[1]),
                )
            )
    return " ".join(parts)


def _open(ident: str, width: int, height: int, title: str, description: str, css: str) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" role="img" class="{css}" '
        f'aria-labelledby="{ident}-title {ident}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(description)}</desc>'
    )


def _plot(
    drawn: Sequence[Series],
    lines: Sequence[ReferenceLine],
    bands: Sequence[Band],
    y_label: str,
    size: tuple[int, int],
    y_range: tuple[float, float] | None,
    labels: Labels,
) -> str:
    legend = _legend(drawn, size[0])
    frame, ticks = _frame(drawn, lines, (size[0], size[1], 34 if legend else 24), y_range)
    body = [_bands(frame, bands), _grid(frame, ticks, y_label, labels), _x_axis(frame, labels)]
    body += [_series_svg(frame, s, i) for i, s in enumerate(drawn)]
    return "".join([*body, _reference_lines(frame, lines, labels), legend])


def render_chart(
    series: Sequence[Series],
    *,
    title: str,
    description: str | None = None,
    y_label: str = "",
    reference_lines: Sequence[ReferenceLine] = (),
    reference_bands: Sequence[Band] = (),
    width: int = 640,
    height: int = 260,
    ident: str | None = None,
    gettext: Callable[[str], str] | None = None,
    y_range: tuple[float, float] | None = None,
    labels: Labels = PLAIN,
) -> str:
    """Render a line/bar chart of dated series as a standalone SVG string.

    Args:
        series: Series in drawing order (``faint`` raw data before ``bold`` averages).
        title: Accessible name (already translated).
        description: Accessible description; by default a summary of each series.
        y_label: Axis caption, e.g. "kg".
        reference_lines: Horizontal guides, kept within the value range.
        reference_bands: Shaded neutral ranges, clipped to the value range.
        width: viewBox width (the SVG scales to its container); ``height`` likewise.
        ident: Id prefix, unique in the page (derived from the title by default).
        gettext: Translation function for built-in texts.
        y_range: Fixed value axis (0–10 for ratings), widened only if data fall outside.
        labels: How dates and values are written (the page's locale; ISO and plain numbers by default).

    Returns:
        SVG markup, safe to embed inline (all text escaped).
    """
    _ = gettext or (lambda text: text)
    drawn = [Series(s.label, p, s.style, s.tone, s.period_days) for s in series if (p := _finite(s.points))]
    key = chart_id(ident, title, sum(len(s.points) for s in drawn))
    desc = description if description is not None else _describe(drawn, _, labels)
    head = _open(key, width, height, title, desc or _("No data yet."), "healthbox-chart")
    if not drawn:
        middle = f'x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{_TEXT}" {_FONT}'
        return f"{head}<text {middle}>{esc(_('No data yet.'))}</text></svg>"
    size = (width, height)
    return head + _plot(drawn, reference_lines, reference_bands, y_label, size, y_range, labels) + "</svg>"


def sparkline(
    points: Sequence[Point], *, title: str, width: int = 120, height: int = 32, labels: Labels = PLAIN
) -> str:
    """A tiny axis-free trend line for dashboard cards (last point marked)."""
    clean = _finite(points)
    key = chart_id(None, title, len(clean))
    first, last = (labels.date(clean[0][0]), labels.date(clean[-1][0])) if clean else ("", "")
    desc = f"{first} – {last}: {labels.number(clean[-1][1])}" if clean else ""
    head = _open(key, width, height, title, desc, "healthbox-sparkline")
    if not clean:
        return head + "</svg>"
    values = [value for _, value in clean]
    low, high = min(values), max(values)
    frame = Frame(2, 2, width - 2, height - 2, clean[0][0].toordinal(), clean[-1][0].toordinal(), low, high)
    if high == low:
        frame = Frame(2, 2, width - 2, height - 2, frame.first_day, frame.last_day, low - 1, high + 1)
    coords = " ".join(f"{fmt_number(frame.x(d))},{fmt_number(frame.y(v))}" for d, v in clean)
    last_x, last_y = fmt_number(frame.x(clean[-1][0])), fmt_number(frame.y(clean[-1][1]))
    return (
        f'{head}<polyline points="{coords}" fill="none" stroke="{_PALETTE[0]}" stroke-width="1.5"/>'
        f'<circle cx="{last_x}" cy="{last_y}" r="2" fill="{_PALETTE[0]}"/></svg>'
    )


def data_table(series: Sequence[Series], *, date_label: str = "Date", labels: Labels = PLAIN) -> DataTable:
    """The same numbers as the chart, one row per date, for screen readers and no-SVG users."""
    by_day: dict[date, list[str]] = {}
    for index, item in enumerate(series):
        for day, value in _finite(item.points):
            by_day.setdefault(day, [""] * len(series))[index] = labels.number(value)
    rows = tuple((labels.date(day), *cells) for day, cells in sorted(by_day.items()))
    return DataTable((date_label, *(item.label for item in series)), rows)
