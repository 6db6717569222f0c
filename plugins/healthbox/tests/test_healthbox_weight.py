"""Weight tracker: BMI, WHO classes on unrounded values, trend helpers (reference §1)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.api import DATE_FIELD, validate_entry
from plugins.healthbox.trackers.weight import (
    NO_CATEGORY_PREGNANT,
    NO_CATEGORY_UNDER_18,
    TRACKER,
    bmi_exact,
    bmi_summary,
    change_check,
    trend_kg_per_week,
    weekly_average,
    weight_loss_prompt,
    who_bmi_class,
)

TODAY = date(2024, 3, 10)


def test_bmi_worked_example() -> None:
    summary = bmi_summary(70, 175)
    assert summary.bmi == Decimal("22.9")  # 70 / 1.75² = 22.857…
    assert summary.category == "Normal range"
    assert summary.prompt is None and summary.note is None
    assert summary.disclaimer == "This tool does not replace a consultation with a health professional."


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (15.99, "Underweight – severe thinness"),
        (16.0, "Underweight – moderate thinness"),
        (16.99, "Underweight – moderate thinness"),
        (17.0, "Underweight – mild thinness"),
        (18.49, "Underweight – mild thinness"),
        (18.4999, "Underweight – mild thinness"),
        (18.5, "Normal range"),
        (24.99, "Normal range"),
        (25.0, "Pre-obese"),
        (29.99, "Pre-obese"),
        (30.0, "Obesity class I"),
        (35.0, "Obesity class II"),
        (39.99, "Obesity class II"),
        (40.0, "Obesity class III"),
    ],
)
def test_who_classes_are_half_open(value: float, label: str) -> None:
    assert who_bmi_class(value) == label


def test_class_follows_the_value_the_member_sees() -> None:
    # 76.44 kg at 175 cm: 76.44 / 3.0625 = 24.960… → shown 25.0, so classed pre-obese, never "25.0 — Normal range".
    summary = bmi_summary(Decimal("76.44"), 175)
    assert bmi_exact(Decimal("76.44"), 175) < 25
    assert summary.bmi == Decimal("25.0") and summary.category == "Pre-obese"
    # 76.25 kg: 24.897… → shown 24.9 → normal range.
    assert bmi_summary(Decimal("76.25"), 175).category == "Normal range"


def test_no_category_under_18_or_in_pregnancy() -> None:
    assert who_bmi_class(22.0, age=17) is None
    assert who_bmi_class(22.0, age=18) == "Normal range"
    young = bmi_summary(70, 175, age=16)
    assert young.category is None and young.note == NO_CATEGORY_UNDER_18 == "BMI categories are not used under 18"
    assert young.bmi == Decimal("22.9")
    pregnant = bmi_summary(70, 175, pregnant=True)
    assert pregnant.category is None and pregnant.note == NO_CATEGORY_PREGNANT


def test_prompts_are_soft_and_tiered() -> None:
    assert bmi_summary(45, 175).prompt == "Talk to your doctor about this result."  # BMI 14.7
    assert bmi_summary(125, 175).prompt == "Talk to your doctor about this result."  # BMI 40.8
    assert bmi_summary(95, 175).prompt == "BMI is only a rough guide. Your doctor can help if you are concerned."
    assert bmi_summary(56, 175).prompt is not None  # BMI 18.3
    assert bmi_summary(45, 175, age=15).prompt is None


def test_entry_computes_bmi_and_rejects_impossible_bmi() -> None:
    result = validate_entry(TRACKER, {DATE_FIELD: "2024-03-10", "weight": "70", "height": "175"}, today=TODAY)
    assert result.ok and result.derived == {"bmi": Decimal("22.9")}
    alone = validate_entry(TRACKER, {DATE_FIELD: "2024-03-10", "weight": "70"}, today=TODAY)
    assert alone.ok and alone.derived == {}
    absurd = validate_entry(TRACKER, {DATE_FIELD: "2024-03-10", "weight": "20", "height": "250"}, today=TODAY)
    assert set(absurd.errors) == {"bmi"} and absurd.values == {}


def test_declared_codes_and_units() -> None:
    codes = {key: TRACKER.lookup(key).loinc for key in TRACKER.keys}
    assert codes == {"weight": "29463-7", "height": "8302-2", "waist": "56115-9", "bmi": "39156-5"}
    assert TRACKER.lookup("weight").unit == "kg" and TRACKER.lookup("bmi").unit == "kg/m2"


def test_weekly_average_is_the_headline() -> None:
    start = date(2024, 3, 1)
    points = [(start + timedelta(days=n), 70.0 + (1 if n % 2 else -1)) for n in range(8)]
    averages = dict(weekly_average(points))
    assert averages[start + timedelta(days=6)] == pytest.approx(70 - 1 / 7)
    assert averages[start + timedelta(days=7)] == pytest.approx(70 + 1 / 7)


def test_trend_is_a_28_day_least_squares_slope_per_week() -> None:
    points = [(TODAY - timedelta(days=n), 80 - 0.1 * (27 - n)) for n in range(28)]
    points.sort()
    assert trend_kg_per_week(points, end=TODAY) == pytest.approx(-0.7)
    old = [(TODAY - timedelta(days=40), 90.0), *points]
    assert trend_kg_per_week(old, end=TODAY) == pytest.approx(-0.7)  # outside the window
    assert trend_kg_per_week(points[-3:], end=TODAY) is None


def test_unintentional_loss_prompt() -> None:
    month = [(TODAY - timedelta(days=30), 80.0), (TODAY - timedelta(days=15), 78.0), (TODAY, 75.5)]
    assert weight_loss_prompt(month, end=TODAY) is not None  # 5.6 % in a month
    assert weight_loss_prompt(month, end=TODAY, intentional=True) is None
    steady = [(TODAY - timedelta(days=30), 80.0), (TODAY, 78.0)]
    assert weight_loss_prompt(steady, end=TODAY) is None  # 2.5 %


def test_history_based_confirmations() -> None:
    raw = {DATE_FIELD: "2024-03-10", "weight": "74"}
    yesterday = [(TODAY - timedelta(days=1), 70.0)]
    jump = validate_entry(TRACKER, raw, today=TODAY, extra_checks=[change_check(yesterday, day=TODAY)])
    assert set(jump.needs_confirmation) == {"weight"} and not jump.errors
    small = validate_entry(
        TRACKER, {**raw, "weight": "72.5"}, today=TODAY, extra_checks=[change_check(yesterday, day=TODAY)]
    )
    assert small.ok
    week = [(TODAY - timedelta(days=6), 70.0), (TODAY - timedelta(days=3), 71.0)]
    drift = validate_entry(
        TRACKER, {**raw, "weight": "73.6"}, today=TODAY, extra_checks=[change_check(week, day=TODAY)]
    )
    assert set(drift.needs_confirmation) == {"weight"}  # +5.1 % in 6 days
    height = change_check([], day=TODAY, previous_height=172.0)
    moved = validate_entry(TRACKER, {**raw, "weight": "70", "height": "175"}, today=TODAY, extra_checks=[height])
    assert set(moved.needs_confirmation) == {"height"}
