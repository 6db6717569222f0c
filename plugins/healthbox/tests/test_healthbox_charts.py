"""Server-side SVG charts, sparklines, data tables and moving averages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest

from core.api import Band
from plugins.healthbox.sdk.charts import ReferenceLine, Series, data_table, moving_average, render_chart, sparkline
from plugins.healthbox.sdk.records import EntryRecord
from plugins.healthbox.sdk.stats import weekly_totals
from plugins.healthbox.sdk.tracker_charts import render_tracker_chart, tracker_table
from plugins.healthbox.trackers import BUILTIN_TRACKERS, activity, weight

NS = "{http://www.w3.org/2000/svg}"
START = date(2024, 1, 1)
HOSTILE = 'Poids <script>alert("x")</script> & \x01 "quoted"'


def _points(count: int, base: float = 70.0) -> list[tuple[date, float]]:
    return [(START + timedelta(days=n), base + (n % 5) * 0.3) for n in range(count)]


def _check_svg(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output; parsing proves it is well-formed
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox") or "")
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc") is not None
    assert root.get("aria-labelledby") == f"{root.find(f'{NS}title').get('id')} {root.find(f'{NS}desc').get('id')}"
    assert "<script" not in svg.lower() and "javascript:" not in svg.lower() and "href" not in svg
    assert re.findall(r"https?://[^\"'\s<]+", svg) == ["http://www.w3.org/2000/svg"]
    return root


def test_line_chart_is_accessible_self_contained_svg() -> None:
    raw = _points(30)
    svg = render_chart(
        [Series(HOSTILE, raw, "faint"), Series("7-day average", moving_average(raw), "bold")],
        title=HOSTILE,
        y_label="kg",
        reference_bands=(Band(18.5, 25, "Normal range", high_inclusive=False),),
    )
    root = _check_svg(svg)
    assert root.find(f"{NS}title").text == 'Poids <script>alert("x")</script> &  "quoted"'
    assert "2024-01-01" in svg and "2024-01-30" in svg
    assert len(root.findall(f".//{NS}path")) == 2


def test_bar_chart_with_reference_lines_keeps_them_in_range() -> None:
    weeks = [(START + timedelta(weeks=n), 100.0 + 20 * n) for n in range(4)]
    svg = render_chart(
        [Series("Minutes", weeks, "bar", period_days=7)],
        title="Activity",
        reference_lines=[ReferenceLine(150), ReferenceLine(300, "300 min")],
    )
    root = _check_svg(svg)
    assert len(root.findall(f".//{NS}rect")) == 4
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "150" in texts and "300 min" in texts
    for element in root.iter():
        for attr in ("x", "y", "x1", "x2", "y1", "y2", "width", "height"):
            if element.get(attr) is not None:
                assert 0 <= float(element.get(attr)) <= 640, (element.tag, attr)


def test_empty_and_single_point_charts() -> None:
    empty = _check_svg(render_chart([Series("Weight", [])], title="Weight"))
    assert "No data yet." in [t.text for t in empty.iter(f"{NS}text")]
    single = _check_svg(render_chart([Series("Weight", [(START, 70.0)])], title="Weight"))
    assert len(single.findall(f".//{NS}circle")) == 1
    french = render_chart([], title="Poids", gettext={"No data yet.": "Pas encore de données."}.get)
    assert "Pas encore de données." in french


def test_non_finite_values_are_dropped() -> None:
    svg = render_chart([Series("x", [(START, float("nan")), (START + timedelta(days=1), 1.0)])], title="x")
    assert "nan" not in svg.lower() and "inf" not in svg.lower()
    _check_svg(svg)


def test_sparkline() -> None:
    root = _check_svg(sparkline(_points(14), title="Weight"))
    assert root.get("viewBox") == "0 0 120 32"
    assert root.find(f"{NS}polyline") is not None
    _check_svg(sparkline([], title="Weight"))
    _check_svg(sparkline([(START, 5.0), (START, 5.0)], title=HOSTILE))


def test_data_table_matches_the_chart_data() -> None:
    table = data_table(
        [Series("Weight", [(START, 70.0), (START + timedelta(days=2), 71.26)]), Series("Avg", [(START, 70.0)])]
    )
    assert table.columns == ("Date", "Weight", "Avg")
    assert table.rows == (("2024-01-01", "70", "70"), ("2024-01-03", "71.3", ""))


def test_moving_average_uses_calendar_days() -> None:
    points = [(START + timedelta(days=n), float(n + 1)) for n in range(10)]
    averages = dict(moving_average(points, 7))
    assert averages[START + timedelta(days=6)] == pytest.approx(4.0)  # mean of 1..7
    assert averages[START + timedelta(days=9)] == pytest.approx(7.0)  # mean of 4..10
    gap = [(START, 10.0), (START + timedelta(days=8), 20.0)]
    assert dict(moving_average(gap, 7))[START + timedelta(days=8)] == 20.0  # the old point left the window
    assert moving_average(gap, 7, min_points=2) == []


def test_weekly_totals_start_on_monday() -> None:
    points = [(date(2024, 3, 4) + timedelta(days=n), 10.0) for n in range(10)]  # Monday 4 March
    assert weekly_totals(points) == [(date(2024, 3, 4), 70.0), (date(2024, 3, 11), 30.0)]


def _records(tracker_slug: str, key: str, count: int) -> list[EntryRecord]:
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    return [EntryRecord(tracker_slug, START + timedelta(days=n), {key: 20.0 + n % 7}, stamp) for n in range(count)]


@pytest.mark.parametrize("tracker", BUILTIN_TRACKERS, ids=lambda t: t.slug)
def test_every_builtin_tracker_chart_renders(tracker) -> None:
    assert tracker.chart is not None
    records = _records(tracker.slug, tracker.chart.series[0], 40)
    root = _check_svg(render_tracker_chart(tracker, records))
    assert root.find(f"{NS}title").text == tracker.name
    assert tracker_table(tracker, records).rows


def test_activity_chart_is_weekly_with_who_lines() -> None:
    records = _records("activity", "mod_equiv_min", 28)
    svg = render_tracker_chart(activity.TRACKER, records)
    texts = [t.text for t in _check_svg(svg).iter(f"{NS}text")]
    assert "150" in texts and "300" in texts
    table = tracker_table(activity.TRACKER, records)
    # 28 days from Monday 1 January 2024 = 4 ISO weeks of 20 + 21 + … + 26 = 161 minutes
    assert table.rows == tuple((f"2024-01-{day:02d}", "161") for day in (1, 8, 15, 22))


def test_weight_chart_shows_raw_and_average() -> None:
    table = tracker_table(weight.TRACKER, _records("weight", "weight", 10))
    assert table.columns == ("Date", "Weight", "Weight, 7-day average")
