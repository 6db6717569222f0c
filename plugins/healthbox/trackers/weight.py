"""Weight and BMI tracker (instrument reference §1).

BMI is shown with one decimal but classified on the unrounded value with WHO
adult half-open intervals (WHO TRS 894, 2000), and never classified under 18
(BMI-for-age charts are out of scope) or during pregnancy. The 7-day average
is the headline value because day-to-day swings of 1–2 kg are normal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.api import (
    DISCLAIMER,
    N_,
    Band,
    ChartSpec,
    Check,
    Derived,
    DisplayUnit,
    Issue,
    Message,
    Metric,
    Tracker,
    find_band,
)
from plugins.healthbox.sdk.stats import Point, in_window, least_squares_slope, moving_average

__all__ = [
    "BMI_CLASSES",
    "NO_CATEGORY_PREGNANT",
    "NO_CATEGORY_UNDER_18",
    "TRACKER",
    "BmiSummary",
    "bmi",
    "bmi_summary",
    "change_check",
    "trend_kg_per_week",
    "weekly_average",
    "weight_loss_prompt",
    "who_bmi_class",
]

POUND = DisplayUnit("[lb_av]", "lb", 0.45359237)
INCH = DisplayUnit("[in_i]", "in", 2.54)
NO_CATEGORY_UNDER_18 = N_("BMI categories are not used under 18")
NO_CATEGORY_PREGNANT = N_("BMI categories are not used during pregnancy or in the 6 months after")

BMI_CLASSES = (
    Band(None, 16.0, "Underweight – severe thinness", high_inclusive=False),
    Band(16.0, 17.0, "Underweight – moderate thinness", high_inclusive=False),
    Band(17.0, 18.5, "Underweight – mild thinness", high_inclusive=False),
    Band(18.5, 25.0, "Normal range", high_inclusive=False),
    Band(25.0, 30.0, "Pre-obese", high_inclusive=False),
    Band(30.0, 35.0, "Obesity class I", high_inclusive=False),
    Band(35.0, 40.0, "Obesity class II", high_inclusive=False),
    Band(40.0, None, "Obesity class III"),
)
"""WHO adult classes; labels name BMI ranges, never people (§9)."""


def bmi(weight_kg: float, height_cm: float) -> float:
    """Unrounded BMI in kg/m² (round only for display)."""
    metres = height_cm / 100
    return weight_kg / (metres * metres)


def _bmi_derived(values: Mapping[str, Any]) -> float | None:
    weight, height = values.get("weight"), values.get("height")
    if weight is None or height is None:
        return None
    return round(bmi(weight, height), 1)


def who_bmi_class(bmi_value: float, *, age: int | None = None, pregnant: bool = False) -> str | None:
    """WHO adult class label for an unrounded BMI, or None when not applicable.

    None for age < 18 (show ``NO_CATEGORY_UNDER_18``) and during pregnancy or
    < 6 months post-partum (``NO_CATEGORY_PREGNANT``); unknown age is treated
    as adult because the profile asks for adults' year of birth.
    """
    if (age is not None and age < 18) or pregnant:
        return None
    band = find_band(BMI_CLASSES, bmi_value)
    return band.label if band else None


@dataclass(frozen=True, slots=True)
class BmiSummary:
    """What the result card shows: value, WHO range name or why not, soft prompt."""

    bmi: float
    category: str | None
    note: str | None
    prompt: str | None
    disclaimer: str = DISCLAIMER


def bmi_summary(weight_kg: float, height_cm: float, *, age: int | None = None, pregnant: bool = False) -> BmiSummary:
    """BMI (1 decimal), its WHO range name and the §9 prompt, worded neutrally."""
    value = bmi(weight_kg, height_cm)
    category = who_bmi_class(value, age=age, pregnant=pregnant)
    note = NO_CATEGORY_UNDER_18 if age is not None and age < 18 else NO_CATEGORY_PREGNANT if pregnant else None
    prompt = None
    if category is not None and (value < 16 or value >= 40):
        prompt = N_("Talk to your doctor about this result.")
    elif category is not None and (value < 18.5 or value >= 30):
        prompt = N_("BMI is only a rough guide. Your doctor can help if you are concerned.")
    return BmiSummary(round(value, 1), category, note, prompt)


def change_check(weights: Sequence[Point], *, day: date, previous_height: float | None = None) -> Check:
    """Build the history-based soft checks of reference §1 for ``validate_entry(extra_checks=...)``.

    Asks for confirmation when the weight differs by > 3 kg from an entry of the
    same or previous day (always < 48 h), or by > 5 % from the earliest entry of
    the 7 days before ``day``, and when height moved by > 2 cm.
    """
    recent = [kg for d, kg in weights if 0 <= (day - d).days <= 1]
    week = sorted((d, kg) for d, kg in weights if 0 < (day - d).days <= 7)

    def check(values: Mapping[str, Any]) -> Iterator[Issue]:
        new, height = values.get("weight"), values.get("height")
        if new is not None and (
            any(abs(new - kg) > 3 for kg in recent) or (week and abs(new - week[0][1]) > 0.05 * week[0][1])
        ):
            yield Issue("weight", Message.of("Is this right? It is a big change since your last weigh-in."), soft=True)
        if height is not None and previous_height is not None and abs(height - previous_height) > 2:
            yield Issue(
                "height", Message.of("Is this right? It differs from your last height by over 2 cm."), soft=True
            )

    return check


def weekly_average(points: Sequence[Point]) -> list[Point]:
    """7-day moving average of weight (the headline value)."""
    return moving_average(points, 7)


def trend_kg_per_week(points: Sequence[Point], *, end: date, days: int = 28) -> float | None:
    """Least-squares weight trend over the last ``days`` days, in kg per week.

    Needs at least 4 weigh-ins spread over at least a week: fewer points
    would turn one heavy day into a "trend".
    """
    recent = in_window(points, end, days)
    if len(recent) < 4 or (recent[-1][0] - recent[0][0]).days < 7:
        return None
    slope = least_squares_slope(recent)
    return None if slope is None else round(slope * 7, 2)


def _loss_over(points: Sequence[Point], end: date, days: int) -> float | None:
    recent = in_window(points, end, days + 1)
    if len(recent) < 2 or (recent[-1][0] - recent[0][0]).days < days * 0.75:
        return None
    first, last = recent[0][1], recent[-1][1]
    return (first - last) / first * 100


def weight_loss_prompt(points: Sequence[Point], *, end: date, intentional: bool = False) -> str | None:
    """Soft prompt for unintentional loss ≥ 5 % in 1 month or ≥ 10 % in 6 months (HAS criteria)."""
    if intentional:
        return None
    month, half_year = _loss_over(points, end, 30), _loss_over(points, end, 182)
    if (month is not None and month >= 5) or (half_year is not None and half_year >= 10):
        return N_("Your weight has gone down noticeably. Talk to your doctor if this was not intended.")
    return None


TRACKER = Tracker(
    slug="weight",
    name="Weight",
    description="Weight, height and waist, with BMI and a 7-day average.",
    metrics=(
        Metric(
            "weight",
            "Weight",
            "decimal",
            unit="kg",
            hard_min=20,
            hard_max=400,
            soft_min=35,
            soft_max=250,
            step=0.1,
            required=True,
            loinc="29463-7",
            display_units=(POUND,),
            category="vital-signs",
        ),
        Metric(
            "height",
            "Height",
            "decimal",
            unit="cm",
            hard_min=100,
            hard_max=250,
            soft_min=140,
            soft_max=210,
            step=0.5,
            loinc="8302-2",
            display_units=(INCH,),
            help="Usually taken from your profile.",
            category="vital-signs",
        ),
        Metric(
            "waist",
            "Waist",
            "decimal",
            unit="cm",
            hard_min=40,
            hard_max=250,
            soft_min=55,
            soft_max=180,
            step=0.5,
            loinc="8280-0",
            display_units=(INCH,),
            help="Midway between the lowest rib and the top of the hip bone.",
            category="vital-signs",
        ),
    ),
    derived=(
        Derived(
            "bmi",
            "BMI",
            "kg/m2",
            _bmi_derived,
            loinc="39156-5",
            inputs=("weight", "height"),
            hard_min=10,
            hard_max=100,
            soft_min=15,
            soft_max=60,
            category="vital-signs",
        ),
    ),
    chart=ChartSpec(series=("weight",), kind="line", y_label="kg", moving_average_days=7),
    cadence="daily",
    reminder="Weigh yourself at the same time of day, for example in the morning.",
    loinc_panel="85353-1",
    category="vital-signs",
    references=(
        "WHO TRS 894 (2000), Obesity: preventing and managing the global epidemic.",
        "WHO (2011), Waist circumference and waist-hip ratio (2008 expert consultation).",
        "HAS (2019, 2021), Diagnostic de la dénutrition.",
    ),
)
