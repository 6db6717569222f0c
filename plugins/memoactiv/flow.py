"""One submitted run, from the browser's JSON to stored scores (no web framework).

Check the payload against the issued plan (refusing with a message, storing
nothing), score it, store raw trials and scores once, and for a check-in
record the family's values in the Health Box through ``core.api.record_entry``.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any

from core.api import N_, EntryRejected, record_entry
from plugins.memoactiv import services
from plugins.memoactiv.checks import CHECKERS
from plugins.memoactiv.exercises import EXERCISES
from plugins.memoactiv.payloads import PayloadRejected, check_envelope
from plugins.memoactiv.scored import SCORING_VERSION, Scored, score_run
from plugins.memoactiv.trackers import FAMILY_TRACKERS

__all__ = ["MIN_DURATION_SHARE", "submit", "tracker_values"]

log = logging.getLogger(__name__)
MIN_DURATION_SHARE = 0.9
"""A run may not claim less than 90 % of the time its stimuli alone take (timer granularity aside)."""


def _dec(value: Any, places: int) -> Decimal | None:
    return None if value is None else round(Decimal(str(value)), places)


def _int(value: Any) -> int | None:
    return None if value is None else round(value)


def tracker_values(family: str, runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The Health Box values of one family from a check-in's valid runs (exercise → scores)."""
    s = {exercise: run["scores"] for exercise, run in runs.items() if run.get("valid", True)}
    values: dict[str, Any] = {}
    if family == "span":
        for direction in ("forward", "backward"):
            if scores := s.get(f"span_{direction}"):
                values[f"{direction}_span"] = scores["longest"]
                values[f"{direction}_correct"] = scores["total_correct"]
    elif family == "nback" and (scores := s.get("nback")):
        values = {
            "dprime_2back": _dec(scores["dprime_2"], 2),
            "accuracy_2back": _dec(scores["accuracy_2"], 1),
            "dprime_1back": _dec(scores["dprime_1"], 2),
            "hit_rt_2back": _int(scores["median_rt_2"]),
        }
    elif family == "rt":
        if scores := s.get("rt_simple"):
            values.update({"simple_median_ms": _int(scores["median_rt"]), "simple_lapses": scores["lapses"]})
        if scores := s.get("rt_choice"):
            values.update(
                {"choice_median_ms": _int(scores["median_rt"]), "choice_accuracy": _dec(scores["accuracy"], 1)}
            )
    elif family in ("stroop", "flanker") and (scores := s.get(family)):
        values = {
            "interference_ms": _int(scores["interference"]),
            "error_interference": _dec(scores["error_interference"], 1),
            "congruent_ms": _int(scores["congruent_median"]),
        }
    elif family == "words":
        if scores := s.get("words"):
            values["learning_total"] = scores["total_learning"]
        if scores := s.get("words_delayed"):
            values.update({"delayed_recall": scores["delayed"], "retention_pct": _dec(scores["retention"], 1)})
    return {key: value for key, value in values.items() if value is not None}


async def _record(member_id: int, session: dict[str, Any], family: str) -> None:
    runs = await services.session_runs(session["id"])
    values = tracker_values(family, {e: r for e, r in runs.items() if EXERCISES[e].family == family})
    if not values:
        return
    try:
        await record_entry(
            member_id, FAMILY_TRACKERS[family].slug, session["day"], values, source="memoactiv", tz=session["tz"]
        )
    except (EntryRejected, PermissionError, LookupError) as exc:  # scores stay in MémoActiv's own history
        log.warning("memoactiv: Health Box entry not recorded for %s: %s", family, exc)


async def _learning_scores(run: dict[str, Any]) -> dict[str, Any] | None:
    if run["exercise"] != "words_delayed" or run["session_id"] is None:
        return None
    learning = (await services.session_runs(run["session_id"])).get("words")
    return learning["scores"] if learning else {}


async def submit(member_id: int, run: dict[str, Any], payload: Any, *, elapsed_ms: float, day: date) -> Scored:
    """Check, score and store one run; raises :class:`PayloadRejected` (nothing stored) when it cannot be real."""
    if run["status"] != "issued":
        raise PayloadRejected(N_("These results were already saved."))
    duration, device, trials = check_envelope(payload, token=run["token"], elapsed_ms=elapsed_ms)
    records, shortest = CHECKERS[run["exercise"]](run["plan"], trials, duration)
    if duration < shortest * MIN_DURATION_SHARE:
        raise PayloadRejected(N_("Impossible timing: the run is shorter than its trials alone take."))
    scored = score_run(run["exercise"], run["plan"], records, learning=await _learning_scores(run))
    stored = await services.save_result(
        run["id"],
        trials=records,
        scores=scored.scores,
        primary=scored.primary,
        valid=scored.valid,
        reason=scored.reason,
        device=device.as_dict(),
        duration_ms=duration,
        day=day,
        scoring_version=SCORING_VERSION,
    )
    if not stored:
        raise PayloadRejected(N_("These results were already saved."))
    if run["session_id"] is not None:
        session = await services.get_session(member_id, run["session_id"])
        if session is not None:
            await _record(member_id, session, EXERCISES[run["exercise"]].family)
            done = await services.session_runs(session["id"])
            if all(step in done for step in session["steps"]):
                await services.finish_session(session["id"])
    return scored
