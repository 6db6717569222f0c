"""Physical activity: WHO weekly minutes, MET-minutes, step bands (reference §6)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from core.api import DATE_FIELD, find_band, validate_entry
from plugins.healthbox.trackers.activity import (
    STEP_BANDS,
    TRACKER,
    WHO_BANDS,
    met_minutes,
    moderate_equivalent,
    weekly_summary,
)

END = date(2024, 3, 10)


def test_weekly_moderate_equivalent_minutes() -> None:
    days: dict[date, dict[str, Any]] = {}
    for n in range(7):
        days[END - timedelta(days=n)] = {"moderate_min": 20 if n < 5 else 0, "vigorous_min": 15 if n < 2 else 0}
    days[END - timedelta(days=8)] = {"moderate_min": 500}  # outside the window
    week = weekly_summary(days, end=END)
    assert week.moderate_equivalent_min == 5 * 20 + 2 * (2 * 15) == 160
    assert week.who_band == "Within the WHO range"
    assert week.met_min == 4.0 * 100 + 8.0 * 30
    assert week.days_logged == 7
    assert week.disclaimer == "This tool does not replace a consultation with a health professional."


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (0, "Below the WHO range"),
        (149, "Below the WHO range"),
        (150, "Within the WHO range"),
        (300, "Within the WHO range"),
        (301, "Above the WHO range (extra benefit)"),
    ],
)
def test_who_bands(minutes: int, label: str) -> None:
    band = find_band(WHO_BANDS, minutes)
    assert band is not None and band.label == label


@pytest.mark.parametrize(
    ("steps", "label"),
    [(4999, "Sedentary"), (5000, "Low active"), (7500, "Somewhat active"), (10000, "Active"), (12500, "Highly active")],
)
def test_step_bands_are_descriptive(steps: int, label: str) -> None:
    band = find_band(STEP_BANDS, steps)
    assert band is not None and band.label == label


def test_met_minutes_use_ipaq_values_and_ignore_light() -> None:
    assert met_minutes({"walking": 100, "moderate": 10, "vigorous": 10, "light": 500}) == pytest.approx(450)


def test_strength_steps_and_light_in_the_week() -> None:
    days = {
        END: {"light_min": 60, "steps": 8000, "strength": True},
        END - timedelta(days=1): {"light_min": 30, "steps": 4000, "strength": True},
        END - timedelta(days=2): {"steps": 6000, "strength": False},
    }
    week = weekly_summary(days, end=END)
    assert week.strength_days == 2 and week.light_min == 90 and week.met_min == 0
    assert week.mean_steps == 6000 and week.steps_band == "Low active"
    assert week.who_band == "Below the WHO range"


def test_daily_validation() -> None:
    base = {DATE_FIELD: "2024-03-10"}
    result = validate_entry(TRACKER, {**base, "moderate_min": "30", "vigorous_min": "10"}, today=END)
    assert result.ok and result.derived == {"mod_equiv_min": 50}
    assert moderate_equivalent({}) is None
    assert "steps" in validate_entry(TRACKER, {**base, "steps": "100001"}, today=END).errors
    assert set(validate_entry(TRACKER, {**base, "steps": "45000"}, today=END).needs_confirmation) == {"steps"}
    too_long = validate_entry(TRACKER, {**base, "light_min": "1000", "moderate_min": "500"}, today=END)
    assert set(too_long.errors) == {"light_min"}
    intense = validate_entry(TRACKER, {**base, "moderate_min": "200", "vigorous_min": "60"}, today=END)
    assert not intense.errors and set(intense.needs_confirmation) == {"vigorous_min"}
    assert "sitting_h" in validate_entry(TRACKER, {**base, "sitting_h": "25"}, today=END).errors


def test_chart_is_weekly_with_who_lines() -> None:
    assert TRACKER.chart is not None
    assert TRACKER.chart.aggregate == "week_sum" and TRACKER.chart.reference_lines == (150, 300)
    assert TRACKER.lookup("steps").loinc == "41950-7"
