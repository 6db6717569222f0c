"""Declaration checks and form validation (core.trackers, core.tracker_validation)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from core.api import (
    CONFIRM_FIELD,
    DATE_FIELD,
    DISCLAIMER,
    Band,
    ChartSpec,
    Derived,
    FieldError,
    Message,
    Metric,
    Tracker,
    find_band,
    parse_value,
    validate_entry,
)
from plugins.healthbox.trackers import BUILTIN_TRACKERS, feeling, sleep, weight

TODAY = date(2024, 3, 10)


def _weight(**fields: str) -> dict[str, str]:
    return {DATE_FIELD: "2024-03-10", **fields}


def _texts(messages: dict[str, Message]) -> dict[str, str]:
    return {key: str(message) for key, message in messages.items()}


@pytest.mark.parametrize("slug", ["Weight", "a", "1abc", "with-dash", "x" * 32, "weight\n"])
def test_bad_tracker_slugs_are_refused(slug: str) -> None:
    with pytest.raises(ValueError, match="slug"):
        Tracker(slug=slug, name="X", description="", metrics=(Metric("x", "X", "integer"),))


def test_good_slug_and_keys_order() -> None:
    tracker = Tracker(
        slug="my_tracker2",
        name="X",
        description="",
        metrics=(Metric("a", "A", "integer"), Metric("b", "B", "integer")),
        derived=(Derived("c", "C", None, lambda v: 1, inputs=("a",)),),
    )
    assert tracker.keys == ("a", "b", "c")
    assert tracker.lookup("c").label == "C"


def test_declaration_mistakes_fail_at_import_time() -> None:
    metric = Metric("a", "A", "integer")
    with pytest.raises(ValueError, match="duplicate key"):
        Tracker(slug="dup", name="X", description="", metrics=(metric, metric))
    with pytest.raises(ValueError, match="unknown keys"):
        Tracker(slug="chart", name="X", description="", metrics=(metric,), chart=ChartSpec(series=("nope",)))
    with pytest.raises(ValueError, match="limits"):
        Metric("w", "W", "decimal", hard_min=20, hard_max=400, soft_min=10)
    with pytest.raises(ValueError, match="needs choices"):
        Metric("c", "C", "choice")


def test_half_open_and_closed_bands() -> None:
    normal = Band(18.5, 25.0, "Normal range", high_inclusive=False)
    assert normal.contains(18.5) and normal.contains(24.999) and not normal.contains(25.0)
    above = Band(300, None, "Above", low_inclusive=False)
    assert not above.contains(300) and above.contains(300.5)
    assert find_band((Band(0, 2, "a"), Band(3, 4, "b")), 2.5) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("0", "Must be between 20 kg and 400 kg."),
        ("900", "Must be between 20 kg and 400 kg."),
        ("abc", "Enter a number, for example 72.5."),
        ("72,5,1", "Enter a number, for example 72.5."),
        ("nan", "Enter a number, for example 72.5."),
        ("1e3", "Enter a number, for example 72.5."),
        ("", "This field is required."),
    ],
)
def test_bad_weights_give_a_field_error_and_store_nothing(raw: str, message: str) -> None:
    result = validate_entry(weight.TRACKER, _weight(weight=raw), today=TODAY)
    assert _texts(result.errors) == {"weight": message}
    assert not result.ok
    assert result.values == {} and result.derived == {}


@pytest.mark.parametrize("raw", ["72,5", "72.5", " 72.5 ", "72.50"])
def test_comma_and_dot_decimals_are_accepted(raw: str) -> None:
    result = validate_entry(weight.TRACKER, _weight(weight=raw), today=TODAY)
    assert result.ok
    assert result.values == {"weight": Decimal("72.5")}
    assert result.day == TODAY
    assert result.disclaimer == DISCLAIMER


def test_future_and_malformed_dates_are_refused() -> None:
    future = validate_entry(weight.TRACKER, {DATE_FIELD: "2024-03-11", "weight": "70"}, today=TODAY)
    assert _texts(future.errors) == {DATE_FIELD: "The date cannot be in the future."}
    assert future.values == {}
    malformed = validate_entry(weight.TRACKER, {DATE_FIELD: "10/03/2024", "weight": "70"}, today=TODAY)
    assert DATE_FIELD in malformed.errors
    missing = validate_entry(weight.TRACKER, {"weight": "70"}, today=TODAY)
    assert DATE_FIELD in missing.errors


def test_soft_limit_asks_for_confirmation_then_keeps_the_value() -> None:
    first = validate_entry(weight.TRACKER, _weight(weight="30"), today=TODAY)
    assert not first.ok and not first.errors
    assert _texts(first.needs_confirmation) == {"weight": "Is 30 kg right? It is outside the usual range."}
    confirmed = validate_entry(weight.TRACKER, _weight(weight="30", **{CONFIRM_FIELD: "on"}), today=TODAY)
    assert confirmed.ok and confirmed.confirmed_outlier
    assert confirmed.confirmed_outliers == ("weight",)
    assert confirmed.values["weight"] == 30.0
    assert validate_entry(weight.TRACKER, _weight(weight="30"), today=TODAY, confirm_outliers=True).ok
    normal = validate_entry(weight.TRACKER, _weight(weight="70", **{CONFIRM_FIELD: "on"}), today=TODAY)
    assert normal.ok and not normal.confirmed_outlier


def test_pounds_are_converted_exactly_and_limits_shown_in_pounds() -> None:
    result = validate_entry(weight.TRACKER, _weight(weight="154.3"), unit_choices={"weight": "[lb_av]"}, today=TODAY)
    assert result.values == {"weight": Decimal("69.989302691")}  # 154.3 × 0.45359237, exactly, unrounded
    too_heavy = validate_entry(weight.TRACKER, _weight(weight="1000"), unit_choices={"weight": "[lb_av]"}, today=TODAY)
    assert str(too_heavy.errors["weight"]) == "Must be between 44.1 lb and 881.8 lb."
    inches = validate_entry(
        weight.TRACKER, _weight(weight="70", height="69"), unit_choices={"height": "[in_i]"}, today=TODAY
    )
    assert inches.values["height"] == Decimal("175.26")  # 69 × 2.54, kept exactly (was rounded to 175.5)


def test_wrong_unit_is_a_field_error() -> None:
    result = validate_entry(weight.TRACKER, _weight(weight="70"), unit_choices={"weight": "[st]"}, today=TODAY)
    assert _texts(result.errors) == {"weight": "This unit is not accepted here."}
    notes = validate_entry(
        feeling.TRACKER,
        {DATE_FIELD: "2024-03-10", "feel_physical": "5", "feel_psych": "5", "feel_social": "5", "note": "x"},
        unit_choices={"note": "kg"},
        today=TODAY,
    )
    assert "note" in notes.errors


def test_integers_choices_text_and_booleans() -> None:
    base = {DATE_FIELD: "2024-03-10", "feel_physical": "5", "feel_psych": "6", "feel_social": "7"}
    ok = validate_entry(feeling.TRACKER, {**base, "tags": "work, family,work", "note": "fine"}, today=TODAY)
    assert ok.values["tags"] == ("work", "family")
    assert ok.derived == {"feel_mean": 6.0}
    half = validate_entry(feeling.TRACKER, {**base, "feel_psych": "5.5"}, today=TODAY)
    assert str(half.errors["feel_psych"]) == "Enter a whole number."
    eleven = validate_entry(feeling.TRACKER, {**base, "stress": "11"}, today=TODAY)
    assert str(eleven.errors["stress"]) == "Must be between 0 and 10."
    tag = validate_entry(feeling.TRACKER, {**base, "tags": "work,astrology"}, today=TODAY)
    assert str(tag.errors["tags"]) == "Choose one of the options."
    long_note = validate_entry(feeling.TRACKER, {**base, "note": "x" * 501}, today=TODAY)
    assert str(long_note.errors["note"]) == "Use at most 500 characters."
    assert validate_entry(feeling.TRACKER, {**base, "note": "x" * 500}, today=TODAY).ok


def test_parse_value_for_profile_fields_and_datetimes() -> None:
    height = weight.TRACKER.lookup("height")
    assert isinstance(height, Metric)
    assert parse_value(height, "175", day=TODAY, today=TODAY) == 175.0
    with pytest.raises(FieldError) as caught:
        parse_value(height, "300", day=TODAY, today=TODAY)
    assert str(caught.value.message) == "Must be between 100 cm and 250 cm."
    t_out = sleep.TRACKER.lookup("t_out")
    assert isinstance(t_out, Metric)
    assert parse_value(t_out, "07h15", day=TODAY, today=TODAY) == datetime(2024, 3, 10, 7, 15)
    with pytest.raises(FieldError):
        parse_value(t_out, "2024-03-11 07:00", day=TODAY, today=TODAY)
    with pytest.raises(FieldError):
        parse_value(t_out, "25:00", day=TODAY, today=TODAY)
    strength = Metric("strength", "Strength", "bool")
    assert parse_value(strength, "", day=TODAY, today=TODAY) is False
    with pytest.raises(FieldError):
        parse_value(strength, "maybe", day=TODAY, today=TODAY)


def test_messages_translate_before_formatting() -> None:
    message = Message.of("Must be at least {min}.", min="20 kg")
    assert str(message) == "Must be at least 20 kg."
    assert message.render({"Must be at least {min}.": "Au moins {min}."}.get) == "Au moins 20 kg."


def test_builtin_trackers_in_order_with_valid_declarations() -> None:
    assert [t.slug for t in BUILTIN_TRACKERS] == ["weight", "feeling", "sleep", "tobacco", "food", "activity"]
    for tracker in BUILTIN_TRACKERS:
        for questionnaire in tracker.questionnaires:
            for item in questionnaire.items:
                values = [choice.value for choice in item.choices]
                assert all(isinstance(v, int) for v in values) and len(set(values)) == len(values)
