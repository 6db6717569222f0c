"""The exercises: what each one is, how long it takes, and how its checked trials are scored.

Names and instructions are English msgids (translated in the plugin's catalogs).
``score`` turns normalised trials (:mod:`plugins.memoactiv.checks`) into the
scores stored with the run; ``primary`` is the score followed over time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.api import N_
from plugins.memoactiv.recall import answers_of, score_recall, word_scores
from plugins.memoactiv.scoring import (
    CHOICE_LAPSE_MS,
    SIMPLE_LAPSE_MS,
    nback_scores,
    rt_scores,
    span_scores,
    stroop_scores,
)
from plugins.memoactiv.wordlists import forms_of

__all__ = [
    "CHECKIN_ORDER",
    "EXERCISES",
    "FAMILIES",
    "OPTIONAL",
    "REQUIRED",
    "SCORING_VERSION",
    "Exercise",
    "Scored",
    "score_run",
]

SCORING_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: its page slug, family (one Health Box tracker per family) and followed score."""

    slug: str
    family: str
    name: str
    summary: str
    instructions: tuple[str, ...]
    minutes: float
    primary: str
    primary_label: str
    unit: str = ""
    trainable: bool = True


EXERCISES: dict[str, Exercise] = {
    e.slug: e
    for e in (
        Exercise(
            "words",
            "words",
            N_("Word list: learning"),
            N_("Learn a list of twelve words, three times."),
            (
                N_("Twelve words will appear one after another, every two seconds."),
                N_("When the list ends, type all the words you remember, in any order, then press “I have finished”."),
                N_("The same list is shown three times. Try to remember more words each time."),
            ),
            4.0,
            "total_learning",
            N_("Words recalled over the three trials (out of 36)"),
        ),
        Exercise(
            "span_forward",
            "span",
            N_("Digits forward"),
            N_("Repeat a sequence of digits in the same order."),
            (
                N_("Digits will appear one at a time, one per second."),
                N_("When the sequence ends, type the digits in the same order on the keypad, then press “Done”."),
                N_("The sequences get longer as long as you repeat at least one of the two sequences of each length."),
            ),
            2.0,
            "longest",
            N_("Longest sequence repeated (digits)"),
        ),
        Exercise(
            "span_backward",
            "span",
            N_("Digits backward"),
            N_("Repeat a sequence of digits in reverse order."),
            (
                N_("Digits will appear one at a time, one per second."),
                N_("When the sequence ends, type the digits in reverse order: the last one first."),
                N_("The sequences get longer as long as you repeat at least one of the two sequences of each length."),
            ),
            2.0,
            "longest",
            N_("Longest sequence repeated backward (digits)"),
        ),
        Exercise(
            "nback",
            "nback",
            N_("Letters: 1-back and 2-back"),
            N_("Spot the letters that repeat."),
            (
                N_("Letters appear one at a time, every two and a half seconds."),
                N_("First block (1-back): press “Same” (or the space bar) when a letter repeats the one just before."),
                N_("Second block (2-back): press “Same” when the letter is the same as the one two letters before."),
                N_("Do nothing for the other letters."),
            ),
            2.5,
            "dprime_2",
            N_("2-back sensitivity (d′)"),
        ),
        Exercise(
            "rt_simple",
            "rt",
            N_("Reaction time: simple"),
            N_("Press as soon as the circle appears."),
            (
                N_("Look at the box. After a short wait, a large circle appears."),
                N_("Press the big button (or the space bar) as soon as you see it."),
                N_("If you press before the circle, the trial starts again."),
            ),
            1.5,
            "median_rt",
            N_("Median reaction time (ms, lower is faster)"),
            "ms",
        ),
        Exercise(
            "rt_choice",
            "rt",
            N_("Reaction time: choice"),
            N_("Press the side where the circle appears."),
            (
                N_("A circle appears on the left or on the right."),
                N_("Press the button on the same side (or the left or right arrow key) as fast as you can."),
            ),
            2.0,
            "median_rt",
            N_("Median reaction time of correct answers (ms, lower is faster)"),
            "ms",
        ),
        Exercise(
            "stroop",
            "stroop",
            N_("Colours and words (Stroop)"),
            N_("Name the colour of the ink, not the word."),
            (
                N_("A colour name appears, written in coloured ink."),
                N_("Press the button of the ink colour, whatever the word says (keys 1 to 4 also work)."),
                N_("Answer as fast as you can without making mistakes."),
            ),
            3.0,
            "interference",
            N_("Interference: extra time when word and ink differ (ms, lower is better)"),
            "ms",
        ),
        Exercise(
            "words_delayed",
            "words",
            N_("Word list: delayed recall"),
            N_("Recall the words learnt at the start of the check-in."),
            (N_("Type all the words you still remember from the list learnt earlier, then press “I have finished”."),),
            1.0,
            "delayed",
            N_("Words recalled after the delay (out of 12)"),
            trainable=False,
        ),
    )
}

CHECKIN_ORDER = ("words", "span_forward", "span_backward", "nback", "rt_simple", "rt_choice", "stroop", "words_delayed")
"""Order of a check-in: the word list first and its delayed recall last, other tasks in between."""

FAMILIES = ("span", "nback", "rt", "stroop", "words")
REQUIRED = ("words", "span_forward", "span_backward", "rt_simple", "words_delayed")
"""Always in a check-in (about ten minutes); n-back, choice reaction time and Stroop are added by choice."""
OPTIONAL = ("nback", "rt_choice", "stroop")


@dataclass(frozen=True, slots=True)
class Scored:
    """Scores of one run, its followed score, and whether the run counts (with the reason if not)."""

    scores: dict[str, Any]
    primary: float | None
    valid: bool
    reason: str = ""


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def _span(records: Sequence[Mapping[str, Any]]) -> Scored:
    s = span_scores([(r["length"], r["correct"]) for r in records])
    return Scored({"longest": s.longest, "total_correct": s.total_correct, "trials": s.trials}, s.longest, True)


def _nback(records: Sequence[Mapping[str, Any]]) -> Scored:
    scores: dict[str, Any] = {}
    for n in (1, 2):
        block = [r for r in records if r["n"] == n]
        s = nback_scores(n, [r["target"] for r in block], [r["responded"] for r in block], [r["rt"] for r in block])
        scores.update(
            {
                f"dprime_{n}": round(s.dprime, 2),
                f"accuracy_{n}": round(100 * s.accuracy, 1),
                f"hits_{n}": s.hits,
                f"false_alarms_{n}": s.false_alarms,
                f"median_rt_{n}": _round(s.median_hit_rt, 0),
            }
        )
    return Scored(scores, scores["dprime_2"], True)


def _rt(records: Sequence[Mapping[str, Any]], choice: bool) -> Scored:
    s = rt_scores([(r["rt"], r["correct"]) for r in records], lapse_ms=CHOICE_LAPSE_MS if choice else SIMPLE_LAPSE_MS)
    scores = {
        "median_rt": _round(s.median_rt, 0),
        "iqr": _round(s.iqr, 0),
        "lapses": s.lapses,
        "valid_trials": s.valid_trials,
        "accuracy": round(100 * s.accuracy, 1),
    }
    reason = "" if s.valid else N_("Fewer than 20 valid trials: this run is kept but not used for your trend.")
    return Scored(scores, scores["median_rt"], s.valid, reason)


def _stroop(records: Sequence[Mapping[str, Any]]) -> Scored:
    s = stroop_scores([(r["congruent"], r["rt"], r["correct"]) for r in records])
    scores = {
        "interference": _round(s.interference, 0),
        "error_interference": round(s.error_interference, 1),
        "ratio": _round(s.ratio, 3),
        "congruent_median": _round(s.congruent_median, 0),
        "incongruent_median": _round(s.incongruent_median, 0),
        "valid_trials": s.valid_trials,
    }
    reason = "" if s.valid else N_("Fewer than 20 valid trials: this run is kept but not used for your trend.")
    return Scored(scores, scores["interference"], s.valid, reason)


def _words(plan: Mapping[str, Any], records: Sequence[Mapping[str, Any]], learning: Mapping[str, Any] | None) -> Scored:
    forms = forms_of(plan["language"], plan["form"])
    recalls = [score_recall(forms, answers_of(r["text"])) for r in records]
    if learning is None:
        w = word_scores(recalls, None)
        learnt: dict[str, Any] = {f"trial_{i + 1}": n for i, n in enumerate(w.trials)}
        learnt.update({"total_learning": w.total_learning, "intrusions": w.intrusions, "repetitions": w.repetitions})
        return Scored(learnt, w.total_learning, True)
    delayed = recalls[0]
    last = int(learning.get("trial_3") or 0)
    retention = round(100 * delayed.correct / last, 1) if last else None
    scores: dict[str, Any] = {
        "delayed": delayed.correct,
        "retention": retention,
        "intrusions": delayed.intrusions,
        "repetitions": delayed.repetitions,
    }
    return Scored(scores, delayed.correct, True)


def score_run(
    exercise: str,
    plan: Mapping[str, Any],
    records: Sequence[Mapping[str, Any]],
    *,
    learning: Mapping[str, Any] | None = None,
) -> Scored:
    """Score checked trials; ``learning`` is the learning run's scores, for the delayed recall."""
    if exercise in ("span_forward", "span_backward"):
        return _span(records)
    if exercise == "nback":
        return _nback(records)
    if exercise in ("rt_simple", "rt_choice"):
        return _rt(records, exercise == "rt_choice")
    if exercise == "stroop":
        return _stroop(records)
    if exercise == "words":
        return _words(plan, records, None)
    if exercise == "words_delayed":
        return _words(plan, records, learning or {})
    raise KeyError(exercise)
