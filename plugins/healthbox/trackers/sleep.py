"""Sleep diary tracker: Consensus Sleep Diary core items (instrument reference §3a).

Carney et al. 2012, SLEEP 35:287-302 (openly published; cited). The diary
date is the morning you got up. Times may be typed as bare "HH:MM": from 12:00
to 23:59 they belong to the evening before the diary date, from 00:00 to 11:59
to the diary date itself (``Metric.noon_rollover``); each later time moves to the next day
when it would otherwise fall well before the previous one, so a late sleeper's
bed 03:00 → up 12:10 is one night. Day sleepers tick "I slept during the day"
(``day_sleep``) so a bedtime after noon stays on the diary date. Full
date-times ("2024-03-01 23:15") are taken as given.
Time in bed (TIB) is measured from ``t_bed``, not ``t_try``; this choice is
fixed so that sleep efficiency stays comparable over time.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from core.api import DISCLAIMER, ChartSpec, Choice, Derived, Issue, Message, Metric, Tracker, round_half_up

__all__ = [
    "TRACKER",
    "SleepWeek",
    "midpoint",
    "sleep_efficiency",
    "time_in_bed",
    "total_sleep_time",
    "weekly_sleep_summary",
]

_TIMES = ("t_bed", "t_try", "t_final", "t_out")
_DAY = timedelta(hours=24)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _times(values: Mapping[str, Any]) -> tuple[datetime, datetime, datetime, datetime] | None:
    bed, try_, final, out = (values.get(key) for key in _TIMES)
    if isinstance(bed, datetime) and isinstance(try_, datetime) and isinstance(final, datetime):
        return (bed, try_, final, out) if isinstance(out, datetime) else None
    return None


def time_in_bed(values: Mapping[str, Any]) -> int | None:
    """TIB in minutes: ``t_out − t_bed``."""
    times = _times(values)
    return None if times is None else _minutes(times[3] - times[0])


def total_sleep_time(values: Mapping[str, Any]) -> int | None:
    """TST in minutes: ``(t_final − t_try) − sol_min − waso_min``."""
    times = _times(values)
    if times is None or values.get("sol_min") is None or values.get("waso_min") is None:
        return None
    return _minutes(times[2] - times[1]) - int(values["sol_min"]) - int(values["waso_min"])


def sleep_efficiency(values: Mapping[str, Any]) -> Decimal | None:
    """SE % = 100 × TST / TIB, exact, rounded half-up to one decimal."""
    tib, tst = time_in_bed(values), total_sleep_time(values)
    if tib is None or tst is None or tib <= 0:
        return None
    return round_half_up(Fraction(100 * tst, tib), 1)


def midpoint(values: Mapping[str, Any]) -> datetime | None:
    """Midpoint between sleep onset (``t_try + sol``) and final awakening."""
    times = _times(values)
    if times is None or values.get("sol_min") is None:
        return None
    onset = times[1] + timedelta(minutes=int(values["sol_min"]))
    return onset + (times[2] - onset) / 2


def _order_issues(bed: datetime, try_: datetime, final: datetime, out: datetime) -> Iterator[Issue]:
    if try_ < bed:
        yield Issue("t_try", Message.of("Must not be before the time you got into bed."))
    if final < try_:
        yield Issue("t_final", Message.of("Must not be before the time you started trying to sleep."))
    if out < final:
        yield Issue("t_out", Message.of("Must not be before your final awakening."))
    span = out - bed
    if span <= timedelta(0) or span > _DAY:
        yield Issue("t_out", Message.of("Time in bed must be more than 0 and at most 24 hours."))
    elif span < timedelta(hours=2) or span > timedelta(hours=16):
        hours = round(span.total_seconds() / 3600, 1)
        yield Issue("t_out", Message.of("Is this right? {hours} hours in bed is unusual.", hours=hours), soft=True)


def _diary_checks(values: Mapping[str, Any]) -> Iterator[Issue]:
    """Cross-field hard rejects and soft confirmations of the reference table."""
    times = _times(values)
    if times is None:
        return
    yield from _order_issues(*times)
    awake = int(values.get("sol_min") or 0) + int(values.get("waso_min") or 0)
    if times[2] >= times[1] and awake > _minutes(times[2] - times[1]):
        yield Issue(
            "waso_min",
            Message.of(
                "Time to fall asleep plus time awake is longer than the time between trying to sleep and waking."
            ),
        )


def _clock(key: str, label: str) -> Metric:
    return Metric(key, label, "datetime", required=True, noon_rollover=True, help="HH:MM, e.g. 23:15")


_QUALITY = tuple(Choice(n, label) for n, label in enumerate(("Very poor", "Poor", "Fair", "Good", "Very good"), 1))

TRACKER = Tracker(
    slug="sleep",
    name="Sleep",
    description="A sleep diary to fill in within an hour of getting up: best guesses, no clock-watching.",
    metrics=(
        Metric(
            "day_sleep",
            "I slept during the day",
            "bool",
            help="Tick this if you went to bed after noon on the day you got up (night shifts).",
        ),
        _clock("t_bed", "Got into bed"),
        _clock("t_try", "Started trying to sleep"),
        Metric(
            "sol_min",
            "Time to fall asleep",
            "integer",
            unit="min",
            hard_min=0,
            hard_max=720,
            soft_max=180,
            required=True,
        ),
        Metric(
            "n_awak",
            "Awakenings (not the last one)",
            "integer",
            unit="{#}",
            hard_min=0,
            hard_max=50,
            soft_max=15,
            required=True,
        ),
        Metric(
            "waso_min",
            "Time awake during the night",
            "integer",
            unit="min",
            hard_min=0,
            hard_max=720,
            soft_max=240,
            required=True,
        ),
        _clock("t_final", "Final awakening"),
        _clock("t_out", "Got out of bed"),
        Metric(
            "quality", "Sleep quality", "scale", unit="{score}", hard_min=1, hard_max=5, choices=_QUALITY, required=True
        ),
        Metric(
            "fatigue",
            "Tiredness today",
            "scale",
            unit="{score}",
            hard_min=0,
            hard_max=10,
            help="0 not tired at all – 10 worst tiredness imaginable",
        ),
        Metric("comments", "Comments", "text", max_length=500),
    ),
    derived=(
        Derived("tib_min", "Time in bed", "min", time_in_bed, inputs=("t_bed", "t_out")),
        # 93832-4 "Sleep duration" (LOINC); the other diary values have no LOINC term and keep local codes.
        Derived("tst_min", "Total sleep time", "min", total_sleep_time, loinc="93832-4", inputs=("t_try", "t_final")),
        Derived("se_pct", "Sleep efficiency", "%", sleep_efficiency, inputs=("tib_min", "tst_min")),
        Derived("midpoint", "Sleep midpoint", None, midpoint, inputs=("t_try", "t_final")),
    ),
    chart=ChartSpec(series=("tst_min",), kind="bar", y_label="min", moving_average_days=7),
    reminder="Fill in your sleep diary within an hour of getting up.",
    not_validated_note="The tiredness rating was designed for this platform and is not validated.",
    checks=(_diary_checks,),
    same_day_flag="day_sleep",
    references=("Carney CE et al. The Consensus Sleep Diary. SLEEP 2012;35:287-302. doi:10.5665/sleep.1642",),
)


@dataclass(frozen=True, slots=True)
class SleepWeek:
    """Descriptive 7-night summary (education, not diagnosis)."""

    nights: int
    mean_tst_min: float | None
    mean_se_pct: float | None
    midpoint_sd_min: float | None
    nights_sol_or_waso_over_30: int
    disclaimer: str = DISCLAIMER


def _midpoint_minutes(day: date, moment: datetime) -> float:
    return (moment - datetime.combine(day, time(0))).total_seconds() / 60


def weekly_sleep_summary(nights: Mapping[date, Mapping[str, Any]], *, end: date) -> SleepWeek:
    """Summarise the 7 diary dates ending on ``end`` (values include derived keys).

    The midpoint SD measures regularity; counting nights with SOL or WASO
    over 30 minutes feeds the soft "a doctor can assess this" prompt (§9).
    """
    week = [(day, v) for day, v in nights.items() if end - timedelta(days=6) <= day <= end]
    tst = [float(v["tst_min"]) for _, v in week if v.get("tst_min") is not None]
    se = [float(v["se_pct"]) for _, v in week if v.get("se_pct") is not None]
    mids = [_midpoint_minutes(d, v["midpoint"]) for d, v in week if isinstance(v.get("midpoint"), datetime)]
    long_nights = sum(1 for _, v in week if (v.get("sol_min") or 0) > 30 or (v.get("waso_min") or 0) > 30)
    return SleepWeek(
        nights=len(week),
        mean_tst_min=round(statistics.fmean(tst), 1) if tst else None,
        mean_se_pct=round(statistics.fmean(se), 1) if se else None,
        midpoint_sd_min=round(statistics.stdev(mids), 1) if len(mids) >= 2 else None,
        nights_sol_or_waso_over_30=long_nights,
    )
