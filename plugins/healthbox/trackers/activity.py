"""Physical activity tracker: daily minutes by intensity, steps, strength (reference §6).

WHO 2020 (Bull et al., Br J Sports Med 2020;54:1451-1462): 150–300 moderate-
equivalent minutes a week, 1 vigorous minute = 2 moderate minutes, every minute
counts. MET-minutes use the IPAQ values (moderate 4.0, vigorous 8.0, walking
3.3). "Light" minutes (1.5–< 3 METs) are shown but not converted to MET-minutes
and not counted towards WHO targets: IPAQ's 3.3 is for walking, which is
already ≥ 3 METs, and no single value fits light activity, so counting it would
inflate totals compared with the WHO range of about 500–1000 MET-minutes.
Step bands (Tudor-Locke & Bassett 2004) are descriptive, not medical targets.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from core.api import DISCLAIMER, Band, ChartSpec, Derived, Issue, Message, Metric, Tracker, find_band

__all__ = [
    "MET_VALUES",
    "STEP_BANDS",
    "TRACKER",
    "WHO_BANDS",
    "ActivityWeek",
    "met_minutes",
    "moderate_equivalent",
    "weekly_summary",
]

MET_VALUES = {"walking": 3.3, "moderate": 4.0, "vigorous": 8.0}
WHO_BANDS = (
    Band(None, 150, "Below the WHO range", high_inclusive=False),
    Band(150, 300, "Within the WHO range"),
    Band(300, None, "Above the WHO range (extra benefit)", low_inclusive=False),
)
STEP_BANDS = (
    Band(None, 5000, "Sedentary", high_inclusive=False),
    Band(5000, 7500, "Low active", high_inclusive=False),
    Band(7500, 10000, "Somewhat active", high_inclusive=False),
    Band(10000, 12500, "Active", high_inclusive=False),
    Band(12500, None, "Highly active"),
)
"""Tudor-Locke & Bassett 2004 descriptive labels; 10 000 is a common goal, not a threshold."""


def moderate_equivalent(values: Mapping[str, Any]) -> int | None:
    """Moderate-equivalent minutes = moderate + 2 × vigorous (None when neither logged)."""
    moderate, vigorous = values.get("moderate_min"), values.get("vigorous_min")
    if moderate is None and vigorous is None:
        return None
    return int(moderate or 0) + 2 * int(vigorous or 0)


def met_minutes(minutes: Mapping[str, float]) -> float:
    """Σ MET × minutes for keys of ``MET_VALUES`` (other keys, e.g. "light", are ignored)."""
    return sum(MET_VALUES[kind] * value for kind, value in minutes.items() if kind in MET_VALUES)


def _activity_checks(values: Mapping[str, Any]) -> Iterator[Issue]:
    light, moderate, vigorous = (int(values.get(k) or 0) for k in ("light_min", "moderate_min", "vigorous_min"))
    if light + moderate + vigorous > 1440:
        yield Issue("light_min", Message.of("All activity together cannot exceed 24 hours (1440 minutes)."))
    elif moderate + vigorous > 240:
        yield Issue(
            "vigorous_min", Message.of("Is this right? More than 4 hours of moderate or vigorous activity."), soft=True
        )


def _minutes(key: str, label: str, help_text: str) -> Metric:
    return Metric(key, label, "integer", unit="min", hard_min=0, hard_max=1440, help=help_text, category="activity")


TRACKER = Tracker(
    slug="activity",
    name="Physical activity",
    description="Minutes of activity by intensity, steps and muscle-strengthening days.",
    metrics=(
        _minutes("light_min", "Light activity", "Slow walking, light housework: you can sing."),
        _minutes("moderate_min", "Moderate activity", "Brisk walking, cycling: you can talk but not sing."),
        _minutes("vigorous_min", "Vigorous activity", "Running, fast cycling: you can only say a few words."),
        Metric(
            "steps",
            "Steps",
            "integer",
            unit="/d",
            hard_min=0,
            hard_max=100000,
            soft_max=40000,
            loinc="41950-7",
            category="activity",
        ),
        Metric("strength", "Muscle-strengthening activity", "bool", category="activity"),
        Metric("balance", "Balance activity", "bool", help="Advised 3 days a week from 65.", category="activity"),
        Metric(
            "sitting_h", "Time sitting", "decimal", unit="h", hard_min=0, hard_max=24, step=0.5, category="activity"
        ),
    ),
    derived=(
        Derived(
            "mod_equiv_min",
            "Moderate-equivalent minutes",
            "min",
            moderate_equivalent,
            inputs=("moderate_min", "vigorous_min"),
            category="activity",
        ),
    ),
    chart=ChartSpec(
        series=("mod_equiv_min",), kind="bar", y_label="min/week", reference_lines=(150, 300), aggregate="week_sum"
    ),
    reminder="Did you move today? Every minute counts.",
    category="activity",
    checks=(_activity_checks,),
    references=(
        "Bull FC et al. WHO 2020 guidelines. Br J Sports Med 2020;54:1451-1462. doi:10.1136/bjsports-2020-102955",
        "Tudor-Locke C, Bassett DR. Sports Med 2004;34:1-8.",
    ),
)


@dataclass(frozen=True, slots=True)
class ActivityWeek:
    """Seven days ending on ``end``: WHO comparison, MET-minutes, strength days, steps."""

    end: date
    days_logged: int
    moderate_equivalent_min: int
    who_band: str
    met_min: float
    light_min: int
    strength_days: int
    balance_days: int
    mean_steps: int | None
    steps_band: str | None
    disclaimer: str = DISCLAIMER


def weekly_summary(days: Mapping[date, Mapping[str, Any]], *, end: date) -> ActivityWeek:
    """Rolling 7-day summary (pass Monday–Sunday ``end`` for a calendar week).

    Unlogged days count as zero minutes: the WHO target is per week, and the
    UI shows ``days_logged`` so a partial week is not mistaken for a low one.
    """
    week = [values for n in range(7) if (values := days.get(end - timedelta(days=n))) is not None]
    total = {k: sum(int(v.get(f"{k}_min") or 0) for v in week) for k in ("light", "moderate", "vigorous")}
    mod_equiv = total["moderate"] + 2 * total["vigorous"]
    steps = [int(v["steps"]) for v in week if v.get("steps") is not None]
    mean_steps = round(sum(steps) / len(steps)) if steps else None
    who = find_band(WHO_BANDS, mod_equiv)
    step_band = find_band(STEP_BANDS, mean_steps) if mean_steps is not None else None
    return ActivityWeek(
        end=end,
        days_logged=len(week),
        moderate_equivalent_min=mod_equiv,
        who_band=who.label if who else "",
        met_min=met_minutes({"moderate": total["moderate"], "vigorous": total["vigorous"]}),
        light_min=total["light"],
        strength_days=sum(1 for v in week if v.get("strength")),
        balance_days=sum(1 for v in week if v.get("balance")),
        mean_steps=mean_steps,
        steps_band=step_band.label if step_band else None,
    )
