"""Weight and BMI tracker (instrument reference §1).

Weights and heights are stored exactly as entered (``Decimal``; pounds and
inches converted with the exact factors 0.45359237 and 2.54). BMI is computed
from them in exact rational arithmetic, rounded half-up to the one decimal the
member sees, and that shown value is classified with the WHO adult half-open
intervals (WHO TRS 894, 2000): the tables list the classes in one decimal
(18.5–24.9, 25.0–29.9), and a member must never read "25.0 — Normal range"
(clinical review, issue 14). 64 kg at 160 cm is exactly 25.0: pre-obese.
No class under 18 (BMI-for-age charts are out of scope) or during pregnancy.
The 7-day average is the headline value because swings of 1–2 kg are normal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
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
    as_decimal,
    find_band,
    round_half_up,
)
from plugins.healthbox.sdk.stats import Point, in_window, least_squares_slope, moving_average

__all__ = [
    "BMI_CLASSES",
    "NO_CATEGORY_PREGNANT",
    "NO_CATEGORY_UNDER_18",
    "TRACKER",
    "BmiSummary",
    "bmi",
    "bmi_exact",
    "bmi_summary",
    "change_check",
    "trend_kg_per_week",
    "weekly_average",
    "weight_loss_prompt",
    "who_bmi_class",
]

POUND = DisplayUnit("[lb_av]", "lb", "0.45359237")  # international avoirdupois pound, exact
INCH = DisplayUnit("[in_i]", "in", "2.54", feet_inches=True)  # international inch, exact
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


Number = Decimal | float | int


def bmi_exact(weight_kg: Number, height_cm: Number) -> Fraction:
    """BMI in kg/m² as an exact fraction of the stored decimals (floats are read through ``str``)."""
    metres = Fraction(as_decimal(height_cm)) / 100
    return Fraction(as_decimal(weight_kg)) / (metres * metres)


def bmi(weight_kg: Number, height_cm: Number) -> Decimal:
    """BMI as the member sees it: exact value rounded half-up to 1 decimal (24.95 → 25.0)."""
    return round_half_up(bmi_exact(weight_kg, height_cm), 1)


def _bmi_derived(values: Mapping[str, Any]) -> Decimal | None:
    weight, height = values.get("weight"), values.get("height")
    if weight is None or height is None:
        return None
    return bmi(weight, height)


def _bmi_unrounded(values: Mapping[str, Any]) -> Fraction | None:
    weight, height = values.get("weight"), values.get("height")
    return None if weight is None or height is None else bmi_exact(weight, height)


def who_bmi_class(bmi_value: Number, *, age: int | None = None, pregnant: bool = False) -> str | None:
    """WHO adult class label for the BMI shown (1 decimal), or None when not applicable.

    None for age < 18 (show ``NO_CATEGORY_UNDER_18``) and during pregnancy or
    < 6 months post-partum (``NO_CATEGORY_PREGNANT``); unknown age is treated
    as adult because the profile asks for adults' year of birth.
    """
    if (age is not None and age < 18) or pregnant:
        return None
    band = find_band(BMI_CLASSES, as_decimal(bmi_value))
    return band.label if band else None


@dataclass(frozen=True, slots=True)
class BmiSummary:
    """What the result card shows: value, WHO range name or why not, soft prompt."""

    bmi: Decimal
    category: str | None
    note: str | None
    prompt: str | None
    disclaimer: str = DISCLAIMER


def bmi_summary(weight_kg: Number, height_cm: Number, *, age: int | None = None, pregnant: bool = False) -> BmiSummary:
    """BMI (1 decimal, exact), its WHO range name and the §9 prompt, worded neutrally.

    Class and prompts use the shown value, so the number and its words agree.
    """
    value = bmi(weight_kg, height_cm)
    category = who_bmi_class(value, age=age, pregnant=pregnant)
    note = NO_CATEGORY_UNDER_18 if age is not None and age < 18 else NO_CATEGORY_PREGNANT if pregnant else None
    prompt = None
    if category is not None and (value < 16 or value >= 40):
        prompt = N_("Talk to your doctor about this result.")
    elif category is not None and (value < Decimal("18.5") or value >= 30):
        prompt = N_("BMI is only a rough guide. Your doctor can help if you are concerned.")
    return BmiSummary(value, category, note, prompt)


def change_check(weights: Sequence[tuple[date, Decimal]], *, day: date, previous_height: Number | None = None) -> Check:
    """Build the history-based soft checks of reference §1 for ``validate_entry(extra_checks=...)``.

    Asks for confirmation when the weight differs by > 3 kg from an entry of the
    same or previous day (always < 48 h), or by > 5 % from the earliest entry of
    the 7 days before ``day``, and when height moved by > 2 cm. Exact decimals.
    """
    recent = [as_decimal(kg) for d, kg in weights if 0 <= (day - d).days <= 1]
    week = sorted((d, as_decimal(kg)) for d, kg in weights if 0 < (day - d).days <= 7)
    last_height = None if previous_height is None else as_decimal(previous_height)

    def check(values: Mapping[str, Any]) -> Iterator[Issue]:
        new, height = values.get("weight"), values.get("height")
        if new is not None and (
            any(abs(new - kg) > 3 for kg in recent) or (week and abs(new - week[0][1]) * 20 > week[0][1])
        ):
            yield Issue("weight", Message.of("Is this right? It is a big change since your last weigh-in."), soft=True)
        if height is not None and last_height is not None and abs(height - last_height) > 2:
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


def _loss_over(points: Sequence[tuple[date, Number]], end: date, days: int) -> Fraction | None:
    recent = [(d, v) for d, v in points if end - timedelta(days=days) <= d <= end]
    if len(recent) < 2 or (recent[-1][0] - recent[0][0]).days < days * 0.75:
        return None
    first, last = Fraction(as_decimal(recent[0][1])), Fraction(as_decimal(recent[-1][1]))
    return (first - last) / first * 100


def weight_loss_prompt(
    points: Sequence[tuple[date, Number]], *, end: date, intentional: bool = False, pregnant: bool = False
) -> str | None:
    """Soft prompt for unintentional loss ≥ 5 % in 1 month or ≥ 10 % in 6 months (HAS criteria).

    Exact percentages (80 → 76 kg is 5 % and prompts). Never when the member
    said the loss is on purpose, nor during pregnancy or the 6 months after,
    when weight changes for other reasons and the HAS adult criteria do not apply.
    """
    if intentional or pregnant:
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
            # 56115-9 "Waist Circumference by NCFS": measured midway between the lowest rib and the
            # iliac crest, the WHO site this form asks for (8280-0 is at the umbilicus).
            loinc="56115-9",
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
            exact=_bmi_unrounded,
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
    category="vital-signs",
    references=(
        "WHO TRS 894 (2000), Obesity: preventing and managing the global epidemic.",
        "WHO (2011), Waist circumference and waist-hip ratio (2008 expert consultation).",
        "HAS (2019, 2021), Diagnostic de la dénutrition.",
    ),
)
