"""Scores of the MémoActiv exercises, computed on the server from trial-level data.

Every function here is pure (no database, no web framework) so the scores are
recomputable from the stored raw trials and unit-tested against hand-computed
examples of the reference sheet (§7a–7d). Word-list scoring lives in
:mod:`plugins.memoactiv.recall`.

Fixed, documented choices where the sheet leaves room:

- n-back: the first ``n`` trials of a block cannot be targets and are not scored
  (blocks are ``20 + n`` trials, 20 scored).
- Reaction-time trimming (7c): anticipations (< 100 ms) are dropped, responses
  slower than the task's limit (1500 ms simple, 2500 ms choice and Stroop) are
  dropped and counted as lapses, then correct responses slower than
  ``median + 3 × MAD`` are dropped, with MAD = 1.4826 × median absolute
  deviation (Leys et al. 2013, the consistency constant for normal data).
- Stroop trims each condition separately (congruent, incongruent); the arrows
  (flanker) task, its colour-free alternative, is scored the same way.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

__all__ = [
    "ANTICIPATION_MS",
    "CHOICE_LAPSE_MS",
    "MAD_SCALE",
    "MIN_VALID_RT_TRIALS",
    "SIMPLE_LAPSE_MS",
    "NBackScores",
    "RtScores",
    "SpanScores",
    "StroopScores",
    "Trimmed",
    "dprime",
    "flanker_scores",
    "median",
    "nback_scores",
    "rt_scores",
    "span_scores",
    "stroop_scores",
    "trim_rts",
]

ANTICIPATION_MS = 100.0
SIMPLE_LAPSE_MS = 1500.0
CHOICE_LAPSE_MS = 2500.0
MAD_SCALE = 1.4826
MIN_VALID_RT_TRIALS = 20
_NORMAL = NormalDist()


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return float(statistics.median(values)) if values else None


# --- 7a digit span -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpanScores:
    """Longest span (longest length with ≥ 1 correct trial) and total correct trials (WAIS-style)."""

    longest: int
    total_correct: int
    trials: int


def span_scores(trials: Sequence[tuple[int, bool]]) -> SpanScores:
    """Score digit-span trials given as ``(length, correct)`` in the order shown."""
    correct_lengths = [length for length, ok in trials if ok]
    return SpanScores(max(correct_lengths, default=0), len(correct_lengths), len(trials))


# --- 7b n-back ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NBackScores:
    """Signal-detection counts and scores of one n-back block."""

    hits: int
    misses: int
    false_alarms: int
    correct_rejections: int
    hit_rate: float
    false_alarm_rate: float
    accuracy: float
    dprime: float
    median_hit_rt: float | None


def dprime(hits: int, targets: int, false_alarms: int, non_targets: int) -> float:
    """d′ = z(H) − z(F) with the log-linear correction (Hautus 1995).

    H = (hits + 0.5) / (targets + 1), F = (FA + 0.5) / (non-targets + 1), so
    perfect or empty cells never give infinite z values.
    """
    hit_rate = (hits + 0.5) / (targets + 1)
    fa_rate = (false_alarms + 0.5) / (non_targets + 1)
    return _NORMAL.inv_cdf(hit_rate) - _NORMAL.inv_cdf(fa_rate)


def nback_scores(
    n: int, targets: Sequence[bool], responded: Sequence[bool], rts: Sequence[float | None]
) -> NBackScores:
    """Score one block: ``targets[i]`` the letter matches n back, ``responded[i]`` the member tapped.

    Trials before index ``n`` are not scored (nothing to compare with).
    """
    scored = range(n, len(targets))
    hits = sum(1 for i in scored if targets[i] and responded[i])
    misses = sum(1 for i in scored if targets[i] and not responded[i])
    false_alarms = sum(1 for i in scored if not targets[i] and responded[i])
    rejections = sum(1 for i in scored if not targets[i] and not responded[i])
    n_targets, n_other = hits + misses, false_alarms + rejections
    hit_rts = [rt for i in scored if targets[i] and responded[i] and (rt := rts[i]) is not None]
    return NBackScores(
        hits=hits,
        misses=misses,
        false_alarms=false_alarms,
        correct_rejections=rejections,
        hit_rate=hits / n_targets if n_targets else 0.0,
        false_alarm_rate=false_alarms / n_other if n_other else 0.0,
        accuracy=(hits + rejections) / len(scored) if len(scored) else 0.0,
        dprime=dprime(hits, n_targets, false_alarms, n_other),
        median_hit_rt=median(hit_rts),
    )


# --- 7c reaction time --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trimmed:
    """RTs kept after trimming and what was dropped, step by step."""

    kept: tuple[float, ...]
    anticipations: int
    lapses: int
    outliers: int


def trim_rts(rts: Sequence[float | None], *, lapse_ms: float) -> Trimmed:
    """Apply the sheet's fixed trimming to the RTs of correct responses (None = no response: a lapse)."""
    anticipations = sum(1 for rt in rts if rt is not None and rt < ANTICIPATION_MS)
    lapses = sum(1 for rt in rts if rt is None or rt > lapse_ms)
    window = [rt for rt in rts if rt is not None and ANTICIPATION_MS <= rt <= lapse_ms]
    if not window:
        return Trimmed((), anticipations, lapses, 0)
    centre = statistics.median(window)
    mad = MAD_SCALE * statistics.median(abs(rt - centre) for rt in window)
    kept = tuple(rt for rt in window if rt <= centre + 3 * mad)
    return Trimmed(kept, anticipations, lapses, len(window) - len(kept))


@dataclass(frozen=True, slots=True)
class RtScores:
    """Median RT of valid correct trials, spread, lapses, accuracy and validity of the session."""

    median_rt: float | None
    iqr: float | None
    sd: float | None
    lapses: int
    anticipations: int
    outliers: int
    valid_trials: int
    accuracy: float
    valid: bool


def _iqr(values: Sequence[float]) -> float | None:
    if len(values) < 4:
        return None
    quartiles = statistics.quantiles(values, n=4, method="inclusive")
    return quartiles[2] - quartiles[0]


def rt_scores(trials: Sequence[tuple[float | None, bool]], *, lapse_ms: float) -> RtScores:
    """Score RT trials given as ``(rt_ms or None, correct)``; simple RT trials are all "correct".

    Errors are left out before trimming; a session needs ≥ 20 valid trials.
    """
    correct = [rt for rt, ok in trials if ok]
    errors = sum(1 for _rt, ok in trials if not ok)
    trimmed = trim_rts(correct, lapse_ms=lapse_ms)
    kept = trimmed.kept
    return RtScores(
        median_rt=median(kept),
        iqr=_iqr(kept),
        sd=statistics.stdev(kept) if len(kept) > 1 else None,
        lapses=trimmed.lapses,
        anticipations=trimmed.anticipations,
        outliers=trimmed.outliers,
        valid_trials=len(kept),
        accuracy=(len(trials) - errors) / len(trials) if trials else 0.0,
        valid=len(kept) >= MIN_VALID_RT_TRIALS,
    )


# --- 7d Stroop ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StroopScores:
    """Interference (ms), error interference (percentage points) and the ratio to congruent RT."""

    congruent_median: float | None
    incongruent_median: float | None
    interference: float | None
    error_interference: float
    ratio: float | None
    valid_trials: int
    valid: bool


def _error_pct(trials: Sequence[tuple[float | None, bool]]) -> float:
    return 100.0 * sum(1 for _rt, ok in trials if not ok) / len(trials) if trials else 0.0


def stroop_scores(trials: Sequence[tuple[bool, float | None, bool]]) -> StroopScores:
    """Score Stroop trials given as ``(congruent, rt_ms or None, correct)``.

    A trial without an answer within 2500 ms counts as an error.
    """
    congruent = [(rt, ok) for is_congruent, rt, ok in trials if is_congruent]
    incongruent = [(rt, ok) for is_congruent, rt, ok in trials if not is_congruent]
    kept_c = trim_rts([rt for rt, ok in congruent if ok], lapse_ms=CHOICE_LAPSE_MS).kept
    kept_i = trim_rts([rt for rt, ok in incongruent if ok], lapse_ms=CHOICE_LAPSE_MS).kept
    med_c, med_i = median(kept_c), median(kept_i)
    interference = med_i - med_c if med_c is not None and med_i is not None else None
    ratio = interference / med_c if interference is not None and med_c else None
    valid_trials = len(kept_c) + len(kept_i)
    return StroopScores(
        congruent_median=med_c,
        incongruent_median=med_i,
        interference=interference,
        error_interference=_error_pct(incongruent) - _error_pct(congruent),
        ratio=ratio,
        valid_trials=valid_trials,
        valid=valid_trials >= MIN_VALID_RT_TRIALS and bool(kept_c) and bool(kept_i),
    )


def flanker_scores(trials: Sequence[tuple[bool, float | None, bool]]) -> StroopScores:
    """Score arrow-flanker trials given as ``(congruent, rt_ms or None, correct)``, exactly like Stroop.

    Interference = median RT of correct incongruent trials (middle arrow
    against its flankers) − median RT of correct congruent trials, each
    condition trimmed as §7c; error interference = error % incongruent − error
    % congruent. A trial without an answer within 2500 ms counts as an error.
    """
    return stroop_scores(trials)
