"""Extra charts on a tracker page, for derived values in another unit; charts' labels in the page's locale."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from core.api import Tracker, formats_for
from plugins.healthbox.sdk.charts import PLAIN, Labels, Series, render_chart
from plugins.healthbox.sdk.records import EntryRecord, series_of
from plugins.healthbox.sdk.stats import moving_average

__all__ = ["chart_labels", "derived_charts"]


def chart_labels(request: Any) -> Labels:
    """Dates and numbers of a page's charts as its edition writes them: ``1 déc.``, ``72,5``, ``1 234``."""
    fmt = formats_for(request)
    return Labels(day=lambda d: fmt.date(d, "day"), date=fmt.date, number=fmt.decimal)


def derived_charts(tracker: Tracker, records: list[EntryRecord], _: Any, labels: Labels = PLAIN) -> list[Markup]:
    """One more chart per derived value measured in another unit (e.g. BMI next to weight)."""
    main = tracker.lookup(tracker.chart.series[0]) if tracker.chart else None
    charts = []
    for derived in tracker.derived:
        if tracker.chart and derived.key in tracker.chart.series:
            continue
        if main is not None and derived.unit == getattr(main, "unit", None):
            continue
        points = [(d, v) for d, v in series_of(records, derived.key) if isinstance(v, int | float)]
        if len(points) < 2:
            continue
        svg = render_chart(
            [
                Series(_(derived.label), points, style="faint", tone=1),
                Series(_(derived.label), moving_average(points, 7), style="bold", tone=1),
            ],
            title=f"{_(tracker.name)} — {_(derived.label)}",
            y_label=derived.unit or "",
            ident=f"chart-{tracker.slug}-{derived.key}",
            gettext=_,
            labels=labels,
        )
        charts.append(Markup(svg))  # noqa: S704 - the SDK escapes every text node
    return charts
