"""Charts of a tracker's records, following the tracker's own ``ChartSpec``.

Routes call ``render_tracker_chart`` and ``tracker_table`` and never pick
series or styles themselves, so every tracker (built-in or third-party) gets
the same accessible chart + table pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.api import ChartSpec, Metric, Tracker
from plugins.healthbox.sdk.charts import (
    PLAIN,
    DataTable,
    Labels,
    ReferenceLine,
    Series,
    Style,
    data_table,
    render_chart,
)
from plugins.healthbox.sdk.records import EntryRecord, series_of
from plugins.healthbox.sdk.stats import moving_average, weekly_totals

__all__ = ["chart_series", "render_tracker_chart", "tracker_table"]


def _identity(text: str) -> str:
    return text


def chart_series(
    tracker: Tracker, records: Sequence[EntryRecord], *, gettext: Callable[[str], str] | None = None
) -> list[Series]:
    """Build the series described by ``tracker.chart`` from stored records.

    Daily data: raw values faint (dots when several metrics share the chart)
    under a bold moving average. Weekly aggregates: one bar or line per week.
    """
    _ = gettext or _identity
    spec = tracker.chart or ChartSpec(series=(tracker.metrics[0].key,))
    several = len(spec.series) > 1
    result: list[Series] = []
    for tone, key in enumerate(spec.series):
        label = _(tracker.lookup(key).label)
        points = series_of(records, key)
        if spec.aggregate != "day":
            weekly = weekly_totals(points, "sum" if spec.aggregate == "week_sum" else "mean")
            result.append(Series(label, weekly, "bar" if spec.kind == "bar" else "line", tone, period_days=7))
            continue
        if not spec.moving_average_days:
            result.append(Series(label, points, "bar" if spec.kind == "bar" else "line", tone))
            continue
        raw_style: Style = "bar_faint" if spec.kind == "bar" else "dots" if several else "faint"
        average = moving_average(points, spec.moving_average_days)
        average_label = _("{label}, {days}-day average").format(label=label, days=spec.moving_average_days)
        result += [Series(label, points, raw_style, tone), Series(average_label, average, "bold", tone)]
    return result


def _scale_range(tracker: Tracker, spec: ChartSpec) -> tuple[float, float] | None:
    """Ratings keep their full scale (0–10) so a flat week does not look dramatic."""
    items = [tracker.lookup(key) for key in spec.series]
    lows = [i.hard_min for i in items if isinstance(i, Metric) and i.kind == "scale" and i.hard_min is not None]
    highs = [i.hard_max for i in items if isinstance(i, Metric) and i.kind == "scale" and i.hard_max is not None]
    if len(lows) != len(items) or len(highs) != len(items) or spec.aggregate != "day":
        return None
    return min(lows), max(highs)


def render_tracker_chart(
    tracker: Tracker,
    records: Sequence[EntryRecord],
    *,
    gettext: Callable[[str], str] | None = None,
    ident: str | None = None,
    width: int = 640,
    height: int = 260,
    labels: Labels = PLAIN,
) -> str:
    """SVG chart of ``records`` for ``tracker`` (title = tracker name; ``labels``: the page's dates and numbers)."""
    _ = gettext or _identity
    spec = tracker.chart or ChartSpec(series=(tracker.metrics[0].key,))
    lines = [ReferenceLine(value) for value in spec.reference_lines]
    return render_chart(
        chart_series(tracker, records, gettext=gettext),
        title=_(tracker.name),
        y_label=_(spec.y_label) if spec.y_label else "",
        reference_lines=lines,
        reference_bands=spec.reference_bands,
        ident=ident or tracker.slug,
        gettext=gettext,
        width=width,
        height=height,
        y_range=_scale_range(tracker, spec),
        labels=labels,
    )


def tracker_table(
    tracker: Tracker,
    records: Sequence[EntryRecord],
    *,
    gettext: Callable[[str], str] | None = None,
    labels: Labels = PLAIN,
) -> DataTable:
    """The accessible table matching ``render_tracker_chart`` (same series, same numbers)."""
    _ = gettext or _identity
    return data_table(chart_series(tracker, records, gettext=gettext), date_label=_("Date"), labels=labels)
