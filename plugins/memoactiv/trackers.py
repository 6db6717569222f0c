"""Health Box trackers fed by MémoActiv check-ins (one per exercise family).

Values are computed by the exercises and recorded with ``core.api.record_entry``
(source "memoactiv"), so they show on the Health Box dashboard, in its charts,
CSV and FHIR exports, and are erased with the member's health data. Only
check-ins are recorded, never training runs.

FHIR codes: LOINC 106731-3 "Verbal memory count" (a count of words recalled,
no method) codes the delayed recall. No LOINC term without a proprietary
method (WAIS, NIH Toolbox…) fits the other scores, so they carry only the
Health Box's namespaced local code ``memoactiv_<family>.<key>``.
"""

from __future__ import annotations

from core.api import ChartSpec, Metric, Tracker

__all__ = ["FAMILY_TRACKERS", "TRACKERS", "VERBAL_MEMORY_COUNT"]

VERBAL_MEMORY_COUNT = "106731-3"
NOTE = "Computed by MémoActiv check-ins; compare only with your own earlier results."


def _int(key: str, label: str, high: int, unit: str = "{score}", *, required: bool = False) -> Metric:
    return Metric(key, label, "integer", unit=unit, hard_min=0, hard_max=high, required=required)


def _ms(key: str, label: str, *, high: int = 5000, low: int = 0) -> Metric:
    return Metric(key, label, "integer", unit="ms", hard_min=low, hard_max=high)


def _pct(key: str, label: str) -> Metric:
    return Metric(key, label, "decimal", unit="%", hard_min=0, hard_max=100, step=0.1)


SPAN = Tracker(
    slug="memoactiv_span",
    name="Digit span (MémoActiv)",
    description="Longest sequence of digits repeated in order and in reverse order, at each check-in.",
    metrics=(
        _int("forward_span", "Longest span forward", 9, "{digits}"),
        _int("forward_correct", "Correct sequences forward", 14, "{trials}"),
        _int("backward_span", "Longest span backward", 8, "{digits}"),
        _int("backward_correct", "Correct sequences backward", 14, "{trials}"),
    ),
    chart=ChartSpec(series=("forward_span", "backward_span"), y_label="digits", moving_average_days=None),
    cadence="weekly",
    not_validated_note=NOTE,
)

NBACK = Tracker(
    slug="memoactiv_nback",
    name="Working memory: n-back (MémoActiv)",
    description="How well repeated letters were told apart from the others (d′), at each check-in.",
    metrics=(
        Metric("dprime_2back", "2-back d′", "decimal", unit="{score}", hard_min=-6, hard_max=6, step=0.01),
        _pct("accuracy_2back", "2-back accuracy"),
        Metric("dprime_1back", "1-back d′", "decimal", unit="{score}", hard_min=-6, hard_max=6, step=0.01),
        _ms("hit_rt_2back", "2-back median time of hits", high=2500),
    ),
    chart=ChartSpec(series=("dprime_2back", "dprime_1back"), y_label="d′", moving_average_days=None),
    cadence="weekly",
    not_validated_note=NOTE,
)

RT = Tracker(
    slug="memoactiv_rt",
    name="Reaction time (MémoActiv)",
    description="Median reaction times, simple and with a choice, at each check-in (lower is faster).",
    metrics=(
        _ms("simple_median_ms", "Simple reaction time (median)"),
        _int("simple_lapses", "Simple reaction time: lapses", 30, "{trials}"),
        _ms("choice_median_ms", "Choice reaction time (median)"),
        _pct("choice_accuracy", "Choice reaction time: accuracy"),
    ),
    chart=ChartSpec(series=("simple_median_ms", "choice_median_ms"), y_label="ms", moving_average_days=None),
    cadence="weekly",
    not_validated_note=NOTE,
)

STROOP = Tracker(
    slug="memoactiv_stroop",
    name="Colours and words: Stroop (MémoActiv)",
    description="Extra time needed when the word and its ink colour differ, at each check-in.",
    metrics=(
        _ms("interference_ms", "Stroop interference", low=-2500, high=2500),
        Metric("error_interference", "Error interference", "decimal", unit="%", hard_min=-100, hard_max=100, step=0.1),
        _ms("congruent_ms", "Median time, same word and ink", high=2500),
    ),
    chart=ChartSpec(series=("interference_ms",), y_label="ms", moving_average_days=None),
    cadence="weekly",
    not_validated_note=NOTE,
)

FLANKER = Tracker(
    slug="memoactiv_flanker",
    name="Arrows: flanker (MémoActiv)",
    description="Extra time needed when the arrows around the middle one point the other way, at each check-in.",
    metrics=(
        _ms("interference_ms", "Arrows interference", low=-2500, high=2500),
        Metric("error_interference", "Error interference", "decimal", unit="%", hard_min=-100, hard_max=100, step=0.1),
        _ms("congruent_ms", "Median time, arrows all the same way", high=2500),
    ),
    chart=ChartSpec(series=("interference_ms",), y_label="ms", moving_average_days=None),
    cadence="weekly",
    not_validated_note=NOTE,
)

WORDS = Tracker(
    slug="memoactiv_words",
    name="Word list (MémoActiv)",
    description="Words recalled over three learning trials and after a delay, at each check-in.",
    metrics=(
        _int("learning_total", "Words recalled over three trials", 36, "{words}"),
        Metric(
            "delayed_recall",
            "Words recalled after the delay",
            "integer",
            unit="{words}",
            hard_min=0,
            hard_max=12,
            loinc=VERBAL_MEMORY_COUNT,
        ),
        Metric("retention_pct", "Retention after the delay", "decimal", unit="%", hard_min=0, hard_max=1200, step=0.1),
    ),
    chart=ChartSpec(series=("learning_total", "delayed_recall"), y_label="words", moving_average_days=None),
    cadence="weekly",
    not_validated_note=NOTE,
)

TRACKERS = (SPAN, NBACK, RT, STROOP, FLANKER, WORDS)
FAMILY_TRACKERS = {"span": SPAN, "nback": NBACK, "rt": RT, "stroop": STROOP, "flanker": FLANKER, "words": WORDS}
