"""Checks of the trial data a browser sends back, against the plan the server issued.

Anything a real run cannot produce is refused with a message (HTTP 400,
nothing stored): a wrong number of trials, answers to trials that were never
shown (including digit-span trials past the stopping rule), negative or
non-numeric times, reaction times under 100 ms (the page treats such presses
as "too early" and repeats the trial, so they never reach the server), a run
longer than two hours, a run shorter than its stimuli alone take, or a run
marked interrupted (the page was hidden during the scored block, reference
sheet §7: its times cannot be trusted).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.api import N_, Message

__all__ = [
    "DEVICE_CLASSES",
    "INPUT_TYPES",
    "MAX_RUN_MS",
    "MIN_RT_MS",
    "Device",
    "PayloadRejected",
    "check_envelope",
    "number",
    "trial_list",
]

MAX_RUN_MS = 2 * 60 * 60 * 1000
MIN_RT_MS = 100.0
DEVICE_CLASSES = ("phone", "tablet", "desktop")
INPUT_TYPES = ("touch", "mouse", "keyboard", "pen")
CLOCK_SLACK_MS = 10_000


class PayloadRejected(ValueError):
    """The submitted run is not one the plan allows; ``message`` says why (a msgid with params)."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.message = Message.of(msgid, **params)


@dataclass(frozen=True, slots=True)
class Device:
    """What the browser said about itself: compare a member only with themselves on one device class."""

    device_class: str
    input_type: str
    browser: str
    refresh_hz: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "class": self.device_class,
            "input": self.input_type,
            "browser": self.browser,
            "refresh": self.refresh_hz,
        }


def number(
    value: Any, what: str, *, low: float, high: float, allow_none: bool = False, index: int | None = None
) -> float | None:
    """A finite number within [low, high]; refuses booleans, strings, NaN and infinities.

    ``what`` is an ``N_`` msgid naming the value (translated when the message is shown);
    ``index`` the trial it belongs to.
    """
    if value is None and allow_none:
        return None
    where = {"what": what} if index is None else {"what": what, "trial": index}
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        if index is None:
            raise PayloadRejected(N_("A value in the results is not a number ({what})."), **where)
        raise PayloadRejected(N_("A value in trial {trial} is not a number ({what})."), **where)
    if value < 0:
        if index is None:
            raise PayloadRejected(N_("A time in the results is negative ({what})."), **where)
        raise PayloadRejected(N_("A time in trial {trial} is negative ({what})."), **where)
    if not low <= value <= high:
        bounds = {"value": round(value), "low": round(low), "high": round(high), **where}
        if index is None:
            raise PayloadRejected(
                N_("Impossible value: {what} is {value}, outside the possible range {low}–{high}."), **bounds
            )
        raise PayloadRejected(
            N_("Impossible value in trial {trial}: {what} is {value}, outside the possible range {low}–{high}."),
            **bounds,
        )
    return float(value)


def _device(raw: Any) -> Device:
    if not isinstance(raw, Mapping):
        raise PayloadRejected(N_("The results do not say which kind of device was used."))
    device_class, input_type = raw.get("class"), raw.get("input")
    if device_class not in DEVICE_CLASSES or input_type not in INPUT_TYPES:
        raise PayloadRejected(N_("The results do not say which kind of device was used."))
    browser = raw.get("browser")
    browser = browser if isinstance(browser, str) else ""
    refresh = number(raw.get("refresh"), N_("refresh rate (Hz)"), low=0, high=1000, allow_none=True)
    return Device(str(device_class), str(input_type), browser[:60], refresh)


def check_envelope(payload: Any, *, token: str, elapsed_ms: float) -> tuple[float, Device, list[Mapping[str, Any]]]:
    """Check what every run sends: its plan token, total duration, device and a list of trials.

    ``elapsed_ms`` is the server's own time since the plan was issued: a run
    cannot have lasted longer than that.
    """
    if not isinstance(payload, Mapping) or payload.get("token") != token:
        raise PayloadRejected(N_("These results do not belong to this exercise."))
    if payload.get("interrupted", False) is not False:  # the page was hidden: the block is void (§7)
        raise PayloadRejected(
            N_("The exercise was interrupted because the page was hidden; this run was not scored — start again.")
        )
    duration = number(payload.get("duration"), N_("run duration (ms)"), low=0, high=MAX_RUN_MS)
    assert duration is not None
    if duration > elapsed_ms + CLOCK_SLACK_MS:
        raise PayloadRejected(N_("Impossible timing: the run claims to have lasted longer than it has been open."))
    trials = payload.get("trials")
    if not isinstance(trials, list) or not all(isinstance(trial, Mapping) for trial in trials):
        raise PayloadRejected(N_("The results hold no list of trials."))
    return duration, _device(payload.get("device")), trials


def trial_list(trials: Sequence[Mapping[str, Any]], expected: int, duration: float) -> None:
    """Exactly ``expected`` trials, numbered 0…n−1 in order, onsets in order within the run."""
    if len(trials) > expected:
        raise PayloadRejected(
            N_("Answers to trials that were never shown: {got} sent, only {expected} shown."),
            got=len(trials),
            expected=expected,
        )
    if len(trials) != expected:
        raise PayloadRejected(
            N_("Wrong number of trials: {got} sent, {expected} expected."), got=len(trials), expected=expected
        )
    previous = 0.0
    for position, trial in enumerate(trials):
        index = trial.get("i")
        if isinstance(index, bool) or not isinstance(index, int) or index != position:
            raise PayloadRejected(
                N_("An answer refers to a trial that was never shown (trial {index})."), index=str(index)[:12]
            )
        onset = number(trial.get("t"), N_("start time (ms)"), low=0, high=duration, index=position)
        assert onset is not None
        if onset < previous:
            raise PayloadRejected(
                N_("Impossible timing: trial {index} started before the one before it."), index=position
            )
        previous = onset
