"""Feeling & stress tracker (instrument reference §2).

The daily 0–10 ratings are our own items, not a validated instrument, and the
UI says so (``not_validated_note``). The Perceived Stress Scale is © Sheldon
Cohen: free for non-profit research and education only, so both PSS forms ship
disabled (``enabled_by_default=False``) until the operator has permission. Items
carry the published English wording; the PSS is offered in English only until
the validated French and German versions are shipped with their citations.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from core.api import N_, Band, ChartSpec, Choice, Derived, Metric, QuestionItem, Questionnaire, Tracker, round_half_up
from plugins.healthbox.sdk.stats import Point, in_window

__all__ = [
    "NOT_VALIDATED_NOTE",
    "PSS4",
    "PSS10",
    "PSS_LICENCE_NOTE",
    "TRACKER",
    "feel_mean",
    "is_retrospective",
    "score_pss4",
    "score_pss10",
    "support_prompt",
]

NOT_VALIDATED_NOTE = "These daily ratings were designed for this platform. They are not a validated questionnaire."
PSS_LICENCE_NOTE = (
    "PSS © Sheldon Cohen: free for non-profit research and education. "
    "A public or commercial service needs the author's permission."
)
_FREQUENCY = (
    Choice(0, "Never"),
    Choice(1, "Almost never"),
    Choice(2, "Sometimes"),
    Choice(3, "Fairly often"),
    Choice(4, "Very often"),
)
# (number, published wording, reversed) — PSS-10 (Cohen & Williamson 1988), as distributed by Cohen's lab.
_PSS_ITEMS = (
    (1, "In the last month, how often have you been upset because of something that happened unexpectedly?", False),
    (
        2,
        "In the last month, how often have you felt that you were unable to control the important things in your life?",
        False,
    ),
    (3, 'In the last month, how often have you felt nervous and "stressed"?', False),
    (
        4,
        "In the last month, how often have you felt confident about your ability to handle your personal problems?",
        True,
    ),
    (5, "In the last month, how often have you felt that things were going your way?", True),
    (
        6,
        "In the last month, how often have you found that you could not cope with all the things that you had to do?",
        False,
    ),
    (7, "In the last month, how often have you been able to control irritations in your life?", True),
    (8, "In the last month, how often have you felt that you were on top of things?", True),
    (
        9,
        "In the last month, how often have you been angered because of things that were outside of your control?",
        False,
    ),
    (
        10,
        "In the last month, how often have you felt difficulties were piling up so high "
        "that you could not overcome them?",
        False,
    ),
)
_PSS_INSTRUCTIONS = (
    "The questions in this scale ask you about your feelings and thoughts during the last month. "
    "In each case, please indicate how often you felt or thought a certain way."
)
_PSS_LANGUAGES = (("en", "Cohen S, Williamson G, 1988 (original English wording)"),)
"""French (Lesage et al. 2012; Bellinghausen et al. 2009) and German validated versions are not
shipped yet: we never show an unvalidated translation, so the PSS is off in those languages."""
_PSS4_FROM_PSS10 = (2, 4, 5, 10)


def _scored(answers: Mapping[str, int], items: tuple[QuestionItem, ...]) -> int:
    """Sum with reversed items scored ``4 − raw`` (answers are raw 0–4)."""
    return sum(4 - answers[item.key] if item.reversed else answers[item.key] for item in items)


_PSS10_ITEMS = tuple(QuestionItem(f"pss10_{n}", gist, _FREQUENCY, rev) for n, gist, rev in _PSS_ITEMS)
_PSS4_ITEMS = tuple(
    QuestionItem(f"pss4_{i}", _PSS_ITEMS[n - 1][1], _FREQUENCY, _PSS_ITEMS[n - 1][2])
    for i, n in enumerate(_PSS4_FROM_PSS10, start=1)
)


def score_pss10(answers: Mapping[str, int]) -> int:
    """PSS-10 total 0–40; items 4, 5, 7 and 8 reversed."""
    return _scored(answers, _PSS10_ITEMS)


def score_pss4(answers: Mapping[str, int]) -> int:
    """PSS-4 total 0–16; items 2 and 3 reversed."""
    return _scored(answers, _PSS4_ITEMS)


_INDICATIVE = (
    "These ranges are often used online; the authors of the scale set no cut-offs. Compare your score with "
    "your own earlier scores rather than with these ranges."
)
PSS10 = Questionnaire(
    key="pss10",
    title="Perceived Stress Scale (PSS-10)",
    items=_PSS10_ITEMS,
    score=score_pss10,
    bands=(Band(0, 13, "Low (indicative)"), Band(14, 26, "Moderate (indicative)"), Band(27, 40, "High (indicative)")),
    recall_period_days=30,
    min_interval_days=28,
    licence_note=PSS_LICENCE_NOTE,
    reference="Cohen S, Kamarck T, Mermelstein R. J Health Soc Behav 1983;24:385-396. doi:10.2307/2136404",
    enabled_by_default=False,
    bands_note=_INDICATIVE,
    instructions=_PSS_INSTRUCTIONS,
    languages=_PSS_LANGUAGES,
    loinc="106860-0",  # Perceived stress scale-10 total score [PSS-10] (1Mo)
)
PSS4 = Questionnaire(
    key="pss4",
    title="Perceived Stress Scale (PSS-4)",
    items=_PSS4_ITEMS,
    score=score_pss4,
    recall_period_days=30,
    min_interval_days=28,
    licence_note=PSS_LICENCE_NOTE,
    reference="Cohen S, Kamarck T, Mermelstein R. J Health Soc Behav 1983;24:385-396. doi:10.2307/2136404",
    enabled_by_default=False,
    instructions=_PSS_INSTRUCTIONS,
    languages=_PSS_LANGUAGES,
)


def feel_mean(values: Mapping[str, Any]) -> Decimal | None:
    """Mean of the three feeling ratings (exact, shown to 1 decimal), only when all three are present."""
    ratings = [values.get(key) for key in ("feel_physical", "feel_psych", "feel_social")]
    if any(rating is None for rating in ratings):
        return None
    return round_half_up(Fraction(sum(int(rating) for rating in ratings if rating is not None), 3), 1)


def is_retrospective(day: date, recorded_at: datetime) -> bool:
    """True when saved more than 72 h after the day ended (flagged, not refused)."""
    end_of_day = datetime.combine(day + timedelta(days=1), time(0), tzinfo=recorded_at.tzinfo)
    return recorded_at - end_of_day > timedelta(hours=72)


def support_prompt(psych: list[Point], stress: list[Point], *, end: date) -> str | None:
    """§2a flag: 14-day mean ``feel_psych`` ≤ 3 or mean stress ≥ 8 → soft prompt.

    Needs 7 rated days out of 14 so that two bad evenings do not trigger it.
    """
    for points, low_is_flag in ((psych, True), (stress, False)):
        recent = [value for _, value in in_window(points, end, 14)]
        if len(recent) < 7:
            continue
        mean = sum(recent) / len(recent)
        if (low_is_flag and mean <= 3) or (not low_is_flag and mean >= 8):
            return N_("It may help to talk with a professional. You can also fill in a short questionnaire.")
    return None


def _rating(key: str, label: str, scale_help: str, *, required: bool = True) -> Metric:
    return Metric(key, label, "scale", unit="{score}", hard_min=0, hard_max=10, required=required, help=scale_help)


_TAGS = ("sleep", "pain", "treatment", "work", "family", "money", "loneliness", "good_news")
_TAG_LABELS = ("Sleep", "Pain", "Treatment", "Work", "Family", "Money", "Loneliness", "Good news")

TRACKER = Tracker(
    slug="feeling",
    name="Feeling",
    description="An evening check-in: how you felt physically, mentally and with others.",
    metrics=(
        _rating("feel_physical", "Physically", "0 very bad – 10 excellent"),
        _rating("feel_psych", "Mentally", "0 very bad – 10 excellent"),
        _rating("feel_social", "Contacts with others", "0 not at all satisfied – 10 completely satisfied"),
        _rating("stress", "Stress", "0 none – 10 extreme", required=False),
        Metric(
            "tags",
            "Tags",
            "choice",
            choices=tuple(Choice(v, lbl) for v, lbl in zip(_TAGS, _TAG_LABELS, strict=True)),
            multiple=True,
        ),
        Metric("note", "Private note", "text", max_length=500),
    ),
    derived=(
        Derived(
            "feel_mean", "Average feeling", "{score}", feel_mean, inputs=("feel_physical", "feel_psych", "feel_social")
        ),
    ),
    questionnaires=(PSS10, PSS4),
    chart=ChartSpec(series=("feel_physical", "feel_psych", "feel_social"), y_label="0–10", moving_average_days=7),
    reminder="How was your day? Your evening check-in takes a minute.",
    not_validated_note=NOT_VALIDATED_NOTE,
    category="survey",
    references=("Cohen S, Williamson G. In: The Social Psychology of Health, 1988 (PSS-10).",),
)
