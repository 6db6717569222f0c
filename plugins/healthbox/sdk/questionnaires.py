"""Questionnaire submissions: completeness, scoring, bands and recall intervals.

Scores are always recomputed from the raw answers (never typed), all items are
required (no prorating), and one submission is allowed per interval, as the
instrument reference requires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from core.api import DISCLAIMER, Band, Message, Questionnaire, find_band

__all__ = ["QuestionnaireResult", "next_allowed_day", "score_answers"]


@dataclass(frozen=True, slots=True)
class QuestionnaireResult:
    """Raw answers and recomputable score of one questionnaire submission."""

    answers: dict[str, int]
    score: float | None
    band: Band | None
    derived: dict[str, Any]
    errors: dict[str, Message]
    derived_bands: dict[str, Band] = field(default_factory=dict)
    bands_note: str | None = None
    disclaimer: str = DISCLAIMER

    @property
    def ok(self) -> bool:
        """True when every item was answered with an allowed value."""
        return not self.errors


def score_answers(questionnaire: Questionnaire, raw: Mapping[str, str]) -> QuestionnaireResult:
    """Check that every item is answered (no prorating), then score.

    Args:
        questionnaire: The instrument declaration.
        raw: Form fields, one per item key, holding the chosen choice value.

    Returns:
        A ``QuestionnaireResult``; ``score`` is None when any item is missing or invalid.
    """
    answers: dict[str, int] = {}
    errors: dict[str, Message] = {}
    for item in questionnaire.items:
        text = raw.get(item.key, "").strip()
        allowed = {str(choice.value): choice.value for choice in item.choices}
        if not text:
            errors[item.key] = Message.of("Please answer this question.")
        elif text not in allowed or not isinstance(allowed[text], int):
            errors[item.key] = Message.of("Choose one of the answers.")
        else:
            answers[item.key] = int(allowed[text])
    if errors:
        return QuestionnaireResult(answers, None, None, {}, errors, bands_note=questionnaire.bands_note)
    score = questionnaire.score(answers)
    derived = {d.key: value for d in questionnaire.derived if (value := d.compute(answers)) is not None}
    derived_bands = {
        d.key: band for d in questionnaire.derived if d.key in derived and (band := find_band(d.bands, derived[d.key]))
    }
    band = find_band(questionnaire.bands, score)
    return QuestionnaireResult(answers, score, band, derived, {}, derived_bands, questionnaire.bands_note)


def next_allowed_day(questionnaire: Questionnaire, last_completed: date | None) -> date | None:
    """Return the first day a new submission is allowed (None: allowed now).

    One submission per interval keeps answers tied to their recall period;
    the UI shows "last completed on …" before that day.
    """
    if last_completed is None or questionnaire.interval_days <= 0:
        return None
    return last_completed + timedelta(days=questionnaire.interval_days)
