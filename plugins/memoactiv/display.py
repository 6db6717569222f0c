"""How scores are shown: labels (msgids), units and number formats, per exercise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.api import N_, Formats

__all__ = ["CONTEXT_QUESTIONS", "DEVICE_LABELS", "SCORE_FIELDS", "format_primary", "score_rows"]

# (key, label msgid, kind): kind is "int", "ms", "pct", "d" (2 decimals), "ratio"
SCORE_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "span_forward": (
        ("longest", N_("Longest sequence (digits)"), "int"),
        ("total_correct", N_("Correct sequences"), "int"),
    ),
    "span_backward": (
        ("longest", N_("Longest sequence (digits)"), "int"),
        ("total_correct", N_("Correct sequences"), "int"),
    ),
    "nback": (
        ("dprime_1", N_("1-back d′"), "d"),
        ("accuracy_1", N_("1-back accuracy"), "pct"),
        ("dprime_2", N_("2-back d′"), "d"),
        ("accuracy_2", N_("2-back accuracy"), "pct"),
        ("median_rt_2", N_("2-back median time of hits"), "ms"),
    ),
    "rt_simple": (
        ("median_rt", N_("Median reaction time"), "ms"),
        ("iqr", N_("Spread (interquartile range)"), "ms"),
        ("lapses", N_("Lapses (no answer within 1.5 s)"), "int"),
        ("valid_trials", N_("Valid trials"), "int"),
    ),
    "rt_choice": (
        ("median_rt", N_("Median reaction time"), "ms"),
        ("accuracy", N_("Correct answers"), "pct"),
        ("iqr", N_("Spread (interquartile range)"), "ms"),
        ("lapses", N_("Lapses (no answer within 2.5 s)"), "int"),
    ),
    "stroop": (
        ("interference", N_("Interference"), "ms"),
        ("congruent_median", N_("Median time, same word and ink"), "ms"),
        ("incongruent_median", N_("Median time, different word and ink"), "ms"),
        ("error_interference", N_("Extra errors when word and ink differ"), "pts"),
    ),
    "flanker": (
        ("interference", N_("Interference"), "ms"),
        ("congruent_median", N_("Median time, arrows all the same way"), "ms"),
        ("incongruent_median", N_("Median time, middle arrow the other way"), "ms"),
        ("error_interference", N_("Extra errors when the arrows point different ways"), "pts"),
    ),
    "words": (
        ("trial_1", N_("Trial 1"), "int"),
        ("trial_2", N_("Trial 2"), "int"),
        ("trial_3", N_("Trial 3"), "int"),
        ("total_learning", N_("Total over three trials (out of 36)"), "int"),
        ("intrusions", N_("Words not in the list"), "int"),
        ("repetitions", N_("Repetitions"), "int"),
    ),
    "words_delayed": (
        ("delayed", N_("Words recalled (out of 12)"), "int"),
        ("retention", N_("Retention (compared with trial 3)"), "pct"),
        ("intrusions", N_("Words not in the list"), "int"),
    ),
}

DEVICE_LABELS = {"phone": N_("phone"), "tablet": N_("tablet"), "desktop": N_("computer")}

CONTEXT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("bad_night", N_("I slept badly last night")),
    ("unwell", N_("I feel ill or unwell today")),
    ("medication", N_("I started or changed a medication in the past week")),
    ("alcohol", N_("I drank alcohol in the past 12 hours")),
    ("pain", N_("My pain today is 7 or more out of 10")),
    ("distracted", N_("I am in a noisy place or likely to be interrupted")),
)
"""Asked at every check-in (§7f.4): a check-in with one of these is not used to suggest seeing a professional."""


def _formatter(kind: str, fmt: Formats) -> Callable[[Any], str]:
    if kind == "ms":
        return lambda v: fmt.decimal(v, "ms", digits=0)
    if kind == "pct":
        return lambda v: fmt.decimal(v, "%", digits=1)
    if kind == "pts":
        return lambda v: fmt.decimal(v, None, digits=1)
    if kind == "d":
        return lambda v: fmt.decimal(v, None, digits=2)
    return lambda v: fmt.number(v)


def score_rows(exercise: str, scores: dict[str, Any], fmt: Formats) -> list[tuple[str, str]]:
    """(label msgid, formatted value) for each score present."""
    rows = []
    for key, label, kind in SCORE_FIELDS[exercise]:
        value = scores.get(key)
        rows.append((label, "–" if value is None else _formatter(kind, fmt)(value)))
    return rows


def format_primary(exercise: str, value: Any, fmt: Formats) -> str:
    """The followed score, formatted like in the score table."""
    if value is None:
        return "–"
    key = {"span_forward": "int", "span_backward": "int", "nback": "d", "words": "int", "words_delayed": "int"}
    return _formatter(key.get(exercise, "ms"), fmt)(value)
