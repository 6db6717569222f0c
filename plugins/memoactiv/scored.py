"""Scoring of a run's checked trials into the scores stored with it (per exercise).

``score`` turns normalised trials (:mod:`plugins.memoactiv.checks`) into the
scores stored with the run; ``primary`` is the score followed over time. The
computations themselves are the pure functions of :mod:`scoring` and
:mod:`recall`; ``SCORING_VERSION`` is stored with each run.
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
    flanker_scores,
    nback_scores,
    rt_scores,
    span_scores,
    stroop_scores,
)
from plugins.memoactiv.wordlists import forms_of

__all__ = ["SCORING_VERSION", "Scored", "score_run"]

SCORING_VERSION = "1"


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


def _interference(records: Sequence[Mapping[str, Any]], flanker: bool) -> Scored:
    trials = [(r["congruent"], r["rt"], r["correct"]) for r in records]
    s = flanker_scores(trials) if flanker else stroop_scores(trials)
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
    if exercise in ("stroop", "flanker"):
        return _interference(records, exercise == "flanker")
    if exercise == "words":
        return _words(plan, records, None)
    if exercise == "words_delayed":
        return _words(plan, records, learning or {})
    raise KeyError(exercise)
