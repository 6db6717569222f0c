"""Feeling tracker and PSS scoring (reference §2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from core.api import DATE_FIELD, validate_entry
from plugins.healthbox.sdk.questionnaires import next_allowed_day, score_answers
from plugins.healthbox.trackers.feeling import (
    PSS4,
    PSS10,
    TRACKER,
    feel_mean,
    is_retrospective,
    score_pss4,
    score_pss10,
    support_prompt,
)

TODAY = date(2024, 3, 10)


def _pss10(*raw: int) -> dict[str, int]:
    return {f"pss10_{n}": value for n, value in enumerate(raw, start=1)}


def test_pss10_reverses_items_4_5_7_8() -> None:
    assert score_pss10(_pss10(*[0] * 10)) == 16  # four reversed items at 4 each
    assert score_pss10(_pss10(*[4] * 10)) == 24
    # non-reversed 2+3+1+2+0+2 = 10; reversed (4-3)+(4-2)+(4-1)+(4-4) = 6
    assert score_pss10(_pss10(2, 3, 1, 3, 2, 2, 1, 4, 0, 2)) == 16
    assert score_pss10(_pss10(4, 4, 4, 0, 0, 4, 0, 0, 4, 4)) == 40
    assert score_pss10(_pss10(0, 0, 0, 4, 4, 0, 4, 4, 0, 0)) == 0


def test_pss4_reverses_items_2_and_3() -> None:
    assert score_pss4({"pss4_1": 0, "pss4_2": 0, "pss4_3": 0, "pss4_4": 0}) == 8
    assert score_pss4({"pss4_1": 4, "pss4_2": 0, "pss4_3": 0, "pss4_4": 4}) == 16
    assert score_pss4({"pss4_1": 0, "pss4_2": 4, "pss4_3": 4, "pss4_4": 0}) == 0
    assert [item.reversed for item in PSS4.items] == [False, True, True, False]


def test_pss_is_behind_a_flag_with_indicative_bands_and_published_wording() -> None:
    for questionnaire in (PSS10, PSS4):
        assert questionnaire.enabled_by_default is False
        assert "permission" in questionnaire.licence_note
        assert questionnaire.recall_period_days == 30 and "during the last month" in questionnaire.instructions
        assert (
            questionnaire.offered_in("en") and not questionnaire.offered_in("fr") and not questionnaire.offered_in("de")
        )
        assert all(item.text.startswith("In the last month, how often have you") for item in questionnaire.items)
    assert PSS10.bands_note is not None and "set no cut-offs" in PSS10.bands_note
    assert PSS10.loinc == "106860-0" and PSS4.loinc is None
    assert all("indicative" in band.label for band in PSS10.bands)
    assert PSS4.bands == ()
    assert [item.reversed for item in PSS10.items] == [False, False, False, True, True, False, True, True, False, False]


def test_score_answers_requires_every_item_and_bands_indicatively() -> None:
    raw = {key: str(value) for key, value in _pss10(2, 3, 1, 3, 2, 2, 1, 4, 0, 2).items()}
    result = score_answers(PSS10, raw)
    assert result.ok and result.score == 16
    assert result.band is not None and result.band.label == "Moderate (indicative)"
    assert result.bands_note == PSS10.bands_note
    assert result.answers["pss10_4"] == 3  # raw answer kept, reversal only in the score
    missing = score_answers(PSS10, {k: v for k, v in raw.items() if k != "pss10_7"})
    assert missing.score is None and set(missing.errors) == {"pss10_7"}
    invalid = score_answers(PSS10, {**raw, "pss10_1": "5"})
    assert invalid.score is None and str(invalid.errors["pss10_1"]) == "Choose one of the answers."


def test_one_submission_per_interval() -> None:
    assert next_allowed_day(PSS10, date(2024, 3, 1)) == date(2024, 3, 29)
    assert next_allowed_day(PSS10, None) is None


def test_feel_mean_only_with_all_three_items() -> None:
    assert feel_mean({"feel_physical": 4, "feel_psych": 5, "feel_social": 7}) == Decimal(
        "5.3"
    )  # 16 / 3 = 5.33…, shown 5.3
    assert feel_mean({"feel_physical": 4, "feel_psych": 5}) is None
    raw = {DATE_FIELD: "2024-03-10", "feel_physical": "4", "feel_psych": "5"}
    assert "feel_social" in validate_entry(TRACKER, raw, today=TODAY).errors


def test_not_validated_note_is_declared() -> None:
    assert TRACKER.not_validated_note is not None and "not a validated" in TRACKER.not_validated_note


def test_support_prompt_needs_a_sustained_pattern() -> None:
    low = [(TODAY - timedelta(days=n), 2.0) for n in range(14)]
    assert support_prompt(low, [], end=TODAY) is not None
    assert support_prompt(low[:5], [], end=TODAY) is None  # not enough days
    calm = [(TODAY - timedelta(days=n), 6.0) for n in range(14)]
    stressed = [(TODAY - timedelta(days=n), 9.0) for n in range(10)]
    assert support_prompt(calm, stressed, end=TODAY) is not None
    assert support_prompt(calm, [(d, 3.0) for d, _ in stressed], end=TODAY) is None


def test_late_entries_are_flagged_retrospective() -> None:
    assert not is_retrospective(date(2024, 3, 1), datetime(2024, 3, 4, 23, 0, tzinfo=UTC))
    assert is_retrospective(date(2024, 3, 1), datetime(2024, 3, 5, 1, 0, tzinfo=UTC))


@pytest.mark.parametrize("key", ["feel_physical", "feel_psych", "feel_social", "stress"])
def test_ratings_are_0_to_10(key: str) -> None:
    item = TRACKER.lookup(key)
    assert (item.hard_min, item.hard_max) == (0, 10)
