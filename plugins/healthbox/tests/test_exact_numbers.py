"""Exact numbers (issue 14 items 1–3, issue 7 item 15): locale input, exact units, WHO BMI boundaries.

Every expected value below was computed by hand from the typed numbers and the
exact factors (1 lb = 0.45359237 kg, 1 in = 2.54 cm), never with floats.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from core.api import (
    DATE_FIELD,
    NumberFormat,
    format_number,
    parse_feet_inches,
    parse_locale_decimal,
    round_half_up,
    validate_entry,
)
from plugins.healthbox.trackers.weight import TRACKER, bmi, bmi_exact, bmi_summary, who_bmi_class

TODAY = date(2024, 3, 10)
UK = NumberFormat("en", imperial=True)


def _entry(fmt: NumberFormat | None = None, units: dict[str, str] | None = None, **fields: str):
    return validate_entry(TRACKER, {DATE_FIELD: "2024-03-10", **fields}, unit_choices=units, today=TODAY, fmt=fmt)


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("72,5", "fr", "72.5"),
        ("72.5", "fr", "72.5"),  # the dot cannot be French grouping
        ("1 234,5", "fr", "1234.5"),  # plain space, no-break space and narrow no-break space all group
        ("1\u00a0234,5", "fr", "1234.5"),
        ("1\u202f234,5", "fr", "1234.5"),
        ("72,5", "de", "72.5"),
        ("1.234,5", "de", "1234.5"),
        ("72.5", "de", "72.5"),  # one digit after the dot: not grouping, so a decimal point
        ("1,234.5", "en", "1234.5"),
        ("72,5", "en", "72.5"),
        ("72,50", "fr", "72.50"),  # precision kept as typed
    ],
)
def test_numbers_are_read_in_the_locale_exactly(text: str, locale: str, expected: str) -> None:
    value = parse_locale_decimal(text, locale)
    assert value == Decimal(expected) and str(value) == expected


@pytest.mark.parametrize("text", ["abc", "1e5", "72,5kg", "", "--3", "1,2,3", "12 345 678 901 234 567 890 123"])
def test_non_numbers_are_refused(text: str) -> None:
    assert parse_locale_decimal(text, "fr") is None


def test_french_form_takes_a_decimal_comma_and_grouping() -> None:
    assert _entry(NumberFormat("fr"), weight="72,5").values == {"weight": Decimal("72.5")}
    assert _entry(NumberFormat("de"), weight="72,5").values == {"weight": Decimal("72.5")}
    assert _entry(NumberFormat("fr"), weight="abc").errors["weight"].render() == "Enter a number, for example 72,5."


def test_limit_messages_use_the_locale() -> None:
    assert str(_entry(NumberFormat("fr"), weight="900").errors["weight"]) == "Must be between 20 kg and 400 kg."
    pounds = _entry(NumberFormat("de"), {"weight": "[lb_av]"}, weight="1000").errors["weight"]
    assert str(pounds) == "Must be between 44,1 lb and 881,8 lb."  # 44.09… rounded up, 881.84… rounded down


@pytest.mark.parametrize(
    ("typed", "unit", "accepted"),
    [
        ("19.95", None, False),  # was accepted after rounding to 20.0
        ("20", None, True),
        ("44", "[lb_av]", False),  # 44 × 0.45359237 = 19.95806428 kg
        ("44.1", "[lb_av]", True),  # 20.003423517 kg
        ("400", None, True),
        ("400.01", None, False),
    ],
)
def test_hard_limits_are_checked_on_the_exact_value(typed: str, unit: str | None, accepted: bool) -> None:
    result = _entry(units={"weight": unit} if unit else None, weight=typed, confirm_outliers="1")
    assert ("weight" not in result.errors) is accepted


def test_inches_are_stored_exactly_and_typed_precision_kept() -> None:
    assert _entry(UK, {"height": "[in_i]"}, weight="70", height="70").values["height"] == Decimal("177.80")
    assert _entry(UK, {"height": "[in_i]"}, weight="70", height="69").values["height"] == Decimal("175.26")
    assert _entry(weight="70", height="172.3").values["height"] == Decimal("172.3")  # was 172.5


@pytest.mark.parametrize(
    ("typed", "inches"),
    [("5'10\"", 70), ("5' 10", 70), ("5 ft 10", 70), ("5ft10in", 70), ("5 ft 10 in", 70), ("6'", 72), ("5′9″", 69)],
)
def test_feet_and_inches(typed: str, inches: int) -> None:
    assert parse_feet_inches(typed, "en") == inches
    result = _entry(UK, weight="70", height=typed)
    assert result.values["height"] == Decimal(inches) * Decimal("2.54")


def test_feet_and_inches_only_on_imperial_editions_and_inches_below_12() -> None:
    assert "height" in _entry(NumberFormat("fr"), weight="70", height="5'10").errors
    assert str(_entry(UK, weight="70", height="5'12").errors["height"]) == "Inches must be less than 12."


def test_imperial_bmi_is_obesity_class_one_not_pre_obese() -> None:
    # 203.5 lb = 92.306047295 kg; 69 in = 175.26 cm; BMI = 92.306047295 / 1.7526² = 30.051… → 30.1
    result = _entry(UK, {"weight": "[lb_av]", "height": "[in_i]"}, weight="203.5", height="69")
    assert result.values == {"weight": Decimal("92.306047295"), "height": Decimal("175.26")}
    assert result.derived["bmi"] == Decimal("30.1")
    assert who_bmi_class(result.derived["bmi"]) == "Obesity class I"


# (weight kg, height cm, exact BMI, shown, class): both sides of every WHO boundary, real measurements.
BOUNDARIES = [
    ("40.96", 160, "16", "16.0", "Underweight – moderate thinness"),
    ("63.7", 200, "15.925", "15.9", "Underweight – severe thinness"),
    ("63.8", 200, "15.95", "16.0", "Underweight – moderate thinness"),  # exactly x.x5 rounds up
    ("43.52", 160, "17", "17.0", "Underweight – mild thinness"),
    ("67.7", 200, "16.925", "16.9", "Underweight – moderate thinness"),
    ("47.36", 160, "18.5", "18.5", "Normal range"),
    ("73.7", 200, "18.425", "18.4", "Underweight – mild thinness"),
    ("64", 160, "25", "25.0", "Pre-obese"),  # the review's example: was "Normal range"
    ("99.8", 200, "24.95", "25.0", "Pre-obese"),
    ("99.7", 200, "24.925", "24.9", "Normal range"),
    ("76.8", 160, "30", "30.0", "Obesity class I"),
    ("119.7", 200, "29.925", "29.9", "Pre-obese"),
    ("89.6", 160, "35", "35.0", "Obesity class II"),
    ("139.7", 200, "34.925", "34.9", "Obesity class I"),
    ("102.4", 160, "40", "40.0", "Obesity class III"),
    ("159.7", 200, "39.925", "39.9", "Obesity class II"),
]


@pytest.mark.parametrize(("kg", "cm", "exact", "shown", "label"), BOUNDARIES)
def test_every_who_boundary_from_both_sides(kg: str, cm: int, exact: str, shown: str, label: str) -> None:
    assert bmi_exact(Decimal(kg), cm) == Fraction(exact)
    summary = bmi_summary(Decimal(kg), cm)
    assert str(summary.bmi) == shown and summary.category == label
    result = _entry(weight=kg.replace(".", ","), height=str(cm), confirm_outliers="1", fmt=NumberFormat("fr"))
    assert str(result.derived["bmi"]) == shown


def _reference_class(kg: int, cm: int) -> str:
    """Independent oracle: integer arithmetic only. BMI × 10 rounded half-up, then the WHO table in tenths."""
    tenths = (kg * 10**5 * 2 + cm * cm) // (2 * cm * cm)  # round(kg × 10000 / cm² × 10) half-up
    table = (
        (160, "Underweight – severe thinness"),
        (170, "Underweight – moderate thinness"),
        (185, "Underweight – mild thinness"),
        (250, "Normal range"),
        (300, "Pre-obese"),
        (350, "Obesity class I"),
        (400, "Obesity class II"),
    )
    return next((label for limit, label in table if tenths < limit), "Obesity class III")


def test_grid_of_heights_and_weights_has_no_wrong_class() -> None:
    """140–210 cm × 35–250 kg: the shown BMI and its class agree with integer arithmetic everywhere."""
    wrong = []
    for cm in range(140, 211):
        for kg in range(35, 251):
            shown = bmi(kg, cm)
            label = who_bmi_class(shown) or ""
            if _reference_class(kg, cm) != label or shown != round_half_up(Fraction(kg * 10000, cm * cm), 1):
                wrong.append((kg, cm, shown, label))
    assert wrong == []


def test_display_rounding_is_half_up_and_localised() -> None:
    assert round_half_up(Decimal("24.95")) == Decimal("25.0")
    assert round_half_up(Fraction(2495, 100)) == Decimal("25.0")
    assert round_half_up(Fraction(-2495, 100)) == Decimal("-25.0")
    assert format_number(Decimal("1234.5"), "fr", 1) == "1\u202f234,5"
    assert format_number(Decimal("72.5"), "de", 1) == "72,5"
