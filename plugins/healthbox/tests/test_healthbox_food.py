"""PNNS food rule engine (reference §5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from core.api import DATE_FIELD, validate_entry
from plugins.healthbox.trackers.food import TRACKER, FoodSettings, evaluate_food
from plugins.healthbox.trackers.food_pnns import RULES
from plugins.healthbox.trackers.food_rules import RuleOutcome

DAY = date(2024, 3, 10)
GOOD_DAY: dict[str, Any] = {
    "fruit_veg": 5.0,
    "unsalted_nuts": 1.0,
    "legumes": 0.5,
    "wholegrain_starchy": 1.0,
    "dairy": 2.0,
    "fish": 0.5,
    "oily_fish": 0.0,
    "red_meat_g": 50,
    "processed_meat_g": 10,
    "sugary_drinks": 0.0,
    "alcohol_std_drinks": 0.0,
    "ultra_processed": 0,
    "log_complete": True,
}


def _week(days: int = 7, **today: Any) -> dict[date, dict[str, Any]]:
    log = {DAY - timedelta(days=n): dict(GOOD_DAY) for n in range(days)}
    log[DAY] = {**GOOD_DAY, **today}
    return log


def _by_id(log: dict[date, dict[str, Any]], settings: FoodSettings | None = None) -> dict[str, RuleOutcome]:
    return {outcome.rule_id: outcome for outcome in evaluate_food(log, DAY, settings).outcomes}


def test_all_sixteen_rules_are_evaluated() -> None:
    ids = [outcome.rule_id for outcome in evaluate_food(_week(), DAY).outcomes]
    assert ids == [f"F{n}" for n in range(1, 17)]
    assert len(RULES) == 16


def test_fruit_and_veg_fires_and_explains_with_numbers() -> None:
    met = _by_id(_week())["F1"]
    assert met.status == "met" and met.positive
    assert "7 of your complete days" in str(met.advice)
    missed = _by_id(_week(fruit_veg=3.0))["F1"]
    assert missed.status == "not_met" and missed.kind == "increase"
    assert "Rule F1" in str(missed.explanation) and "Today: 3." in str(missed.explanation)


def test_daily_rules_only_on_complete_days() -> None:
    outcomes = _by_id(_week(log_complete=False, fruit_veg=0.0))
    assert outcomes["F1"].status == "not_enough_data"
    assert outcomes["F1"].advice is None
    assert "not marked complete" in str(outcomes["F1"].explanation)


def test_weekly_rules_need_five_complete_days() -> None:
    outcomes = _by_id(_week(days=4))
    for rule_id in ("F3", "F6", "F7", "F8", "F11", "F15"):
        assert outcomes[rule_id].status == "not_enough_data", rule_id
        assert "at least 5 complete days" in str(outcomes[rule_id].explanation)
    assert _by_id(_week(days=5))["F3"].status == "met"  # 5 × 0.5 legumes = 2.5 servings


def test_red_meat_is_scaled_to_a_full_week() -> None:
    log = {day: {**values, "red_meat_g": 120} for day, values in _week(days=5).items()}
    outcome = _by_id(log)["F7"]
    assert outcome.status == "not_met" and outcome.kind == "reduce"
    assert "600 g" in str(outcome.explanation) and "840 g" in str(outcome.explanation)
    assert _by_id({day: {**v, "red_meat_g": 70} for day, v in _week().items()})["F7"].status == "met"


@pytest.mark.parametrize(("dairy", "status"), [(1.0, "not_met"), (2.0, "met"), (3.0, "met"), (3.5, "not_met")])
def test_dairy_goes_towards_two(dairy: float, status: str) -> None:
    assert _by_id(_week(dairy=dairy))["F5"].status == status


def test_fish_twice_a_week_one_oily() -> None:
    assert _by_id(_week())["F6"].status == "not_met"  # 3.5 servings but no oily fish
    assert _by_id(_week(fish=1.0, oily_fish=0.5))["F6"].status == "not_met"  # 0.5 oily
    assert _by_id(_week(fish=1.0, oily_fish=1.0))["F6"].status == "met"


def test_alcohol_rules() -> None:
    assert _by_id(_week(alcohol_std_drinks=3.0))["F10"].status == "not_met"
    drinking = {day: {**values, "alcohol_std_drinks": 1.0} for day, values in _week().items()}
    weekly = _by_id(drinking)["F11"]
    assert weekly.status == "not_met" and "0 days without alcohol" in str(weekly.explanation)
    report = evaluate_food({d: {**v, "alcohol_std_drinks": 2.0} for d, v in _week().items()}, DAY)
    assert report.prompt is not None  # 14 drinks a week


def test_pregnancy_safety_comes_first_even_on_incomplete_days() -> None:
    log = _week(alcohol_std_drinks=1.0, log_complete=False)
    report = evaluate_food(log, DAY, FoodSettings(pregnant=True))
    assert report.advice[0].rule_id == "F12" and report.advice[0].kind == "safety"
    assert _by_id(log)["F12"].status == "not_applicable"


def test_at_most_two_messages_encouragement_first() -> None:
    report = evaluate_food(_week(fruit_veg=2.0, sugary_drinks=3.0, ultra_processed=4), DAY)
    assert len(report.advice) == 2
    assert report.advice[0].positive
    assert report.advice[1].status == "not_met"
    assert report.disclaimer == "This tool does not replace a consultation with a health professional."


def test_salt_only_when_estimated_and_water_tip() -> None:
    assert _by_id(_week())["F14"].status == "not_applicable"
    assert _by_id(_week(salt_g=6.0))["F14"].status == "not_met"
    assert _by_id(_week(salt_g=4.5))["F14"].status == "met"
    tip = _by_id(_week(sugary_drinks=1.0))["F16"]
    assert tip.kind == "tip" and str(tip.advice) == "Water is the only drink you really need."
    assert _by_id(_week(sugary_drinks=1.0))["F9"].status == "met"


def test_oils_rule_needs_added_fats() -> None:
    assert _by_id(_week())["F15"].status == "not_applicable"
    oils = {d: {**v, "added_fat": 2, "added_fat_plant_oils": 1} for d, v in _week().items()}
    assert _by_id(oils)["F15"].status == "met"


def test_special_diet_turns_quantitative_nudges_off() -> None:
    report = evaluate_food(_week(fruit_veg=0.0, red_meat_g=900), DAY, FoodSettings(special_diet=True))
    assert report.advice == () and report.prompt is None
    assert {o.status for o in report.outcomes if o.rule_id != "F12"} == {"not_applicable"}


def test_no_food_is_ever_called_bad() -> None:
    logs = [_week(), _week(fruit_veg=0.0, sugary_drinks=5.0, ultra_processed=9, red_meat_g=900, salt_g=12.0)]
    for log in logs:
        for outcome in evaluate_food(log, DAY, FoodSettings(pregnant=True)).outcomes:
            for text in (str(outcome.explanation), str(outcome.advice or "")):
                assert not any(word in text.lower() for word in ("bad", "junk", "unhealthy", "forbidden"))


def test_food_form_checks_parts_against_wholes() -> None:
    raw = {DATE_FIELD: "2024-03-10", "fish": "1", "oily_fish": "2", "log_complete": "on"}
    assert set(validate_entry(TRACKER, raw, today=DAY).errors) == {"oily_fish"}
    ok = validate_entry(TRACKER, {**raw, "oily_fish": "1"}, today=DAY)
    assert ok.ok and ok.values["log_complete"] is True and ok.values["oily_fish"] == 1.0
