"""Per-tracker insight lines shown above the chart (no Litestar here).

Each function gets the member's records for the tracker, their settings and
today's date in the edition's time zone, and returns short lines of text
(already translated) plus an optional soft prompt. Wording follows the
reference sheet §9: describe, never diagnose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from core.api import format_number
from plugins.healthbox.sdk.records import EntryRecord, exact_series_of, series_of
from plugins.healthbox.sdk.stats import in_window, moving_average
from plugins.healthbox.trackers import activity, feeling, food, sleep, tobacco, weight

__all__ = ["Insight", "insight_for"]

Gettext = Callable[[str], str]


@dataclass
class Insight:
    """Lines describing the recent data, and at most one gentle prompt."""

    lines: list[str] = field(default_factory=list)
    prompt: str | None = None
    advice: list[tuple[str, str]] = field(default_factory=list)


def _by_day(records: Sequence[EntryRecord]) -> dict[date, dict[str, Any]]:
    return {r.day: dict(r.values) for r in records}


def _week_mean(points: Sequence[tuple[date, float]], today: date) -> float | None:
    """Mean of the values logged in the 7 days ending today, or None."""
    week = [value for _, value in in_window(points, today, 7)]
    return sum(week) / len(week) if week else None


@dataclass(frozen=True)
class _View:
    """What a builder needs besides the data: translations, age, and the page locale for numbers."""

    gettext: Gettext
    age: int | None
    locale: str

    def num(self, value: float | Decimal | None, digits: int = 1) -> str:
        """A number rounded half-up for display, in the page locale ("72,5" in French)."""
        return "—" if value is None else format_number(Decimal(str(value)), self.locale, digits)


def _weight(records: Sequence[EntryRecord], settings: dict[str, Any], today: date, v: _View) -> Insight:
    _ = v.gettext
    out = Insight()
    points = series_of(records, "weight")
    exact = exact_series_of(records, "weight")
    if not points:
        return out
    average = moving_average(points, 7)
    out.lines.append(
        _("Latest weight: %(w)s kg · 7-day average: %(a)s kg") % {"w": v.num(exact[-1][1]), "a": v.num(average[-1][1])}
    )
    height = settings.get("height_cm")
    pregnant = bool(settings.get("pregnant"))
    if height:
        summary = weight.bmi_summary(exact[-1][1], height, age=v.age, pregnant=pregnant)
        label = _(summary.category) if summary.category else (_(summary.note) if summary.note else "")
        out.lines.append(_("BMI: %(bmi)s — %(label)s") % {"bmi": v.num(summary.bmi), "label": label})
        out.prompt = _(summary.prompt) if summary.prompt else None
    else:
        out.lines.append(_("Add your height in the settings below to see your BMI."))
    trend = weight.trend_kg_per_week(points, end=today)
    if trend is not None:
        sign = "+" if trend > 0 else ""
        out.lines.append(_("Trend over 4 weeks: %(t)s kg per week") % {"t": sign + v.num(trend, 2)})
    intentional = bool(settings.get("intentional_loss"))
    prompt = weight.weight_loss_prompt(exact, end=today, intentional=intentional, pregnant=pregnant)
    if prompt:
        out.prompt = _(prompt)
    return out


def _feeling(records: Sequence[EntryRecord], settings: dict[str, Any], today: date, v: _View) -> Insight:
    _ = v.gettext
    out = Insight()
    mean = _week_mean(series_of(records, "feel_mean"), today)
    if mean is not None:
        out.lines.append(_("Average of the last 7 days: %(m)s / 10") % {"m": v.num(mean)})
    prompt = feeling.support_prompt(series_of(records, "feel_psych"), series_of(records, "stress"), end=today)
    out.prompt = _(prompt) if prompt else None
    return out


def _sleep(records: Sequence[EntryRecord], settings: dict[str, Any], today: date, v: _View) -> Insight:
    _ = v.gettext
    out = Insight()
    week = sleep.weekly_sleep_summary(_by_day(records), end=today)
    if week.nights:
        hours = None if week.mean_tst_min is None else week.mean_tst_min / 60
        out.lines.append(
            _("Last 7 nights: %(n)d logged · average sleep %(h)s h · efficiency %(se)s %%")
            % {"n": week.nights, "h": v.num(hours), "se": v.num(week.mean_se_pct, 0)}
        )
        if week.nights_sol_or_waso_over_30 >= 3:
            out.prompt = _(
                "On several nights it took you more than 30 minutes to fall asleep or you were awake more than "
                "30 minutes. If this goes on for weeks, a doctor can help."
            )
    return out


def _tobacco(records: Sequence[EntryRecord], settings: dict[str, Any], today: date, v: _View) -> Insight:
    _ = v.gettext
    out = Insight()
    cigs = series_of(records, "cigs_today")
    mean = _week_mean(cigs, today)
    if mean is not None:
        out.lines.append(_("Cigarettes per day over the last 7 days: %(m)s") % {"m": v.num(mean)})
    quit_day = settings.get("quit_date")
    if quit_day:
        try:
            price = Decimal(str(settings.get("pack_price") or "0"))
        except InvalidOperation:
            price = Decimal(0)
        since = [v for d, v in cigs if d >= date.fromisoformat(quit_day)]
        progress = tobacco.quit_progress(
            date.fromisoformat(quit_day),
            today,
            baseline_per_day=float(settings.get("baseline_per_day") or 0),
            pack_price=price,
            smoked_since_quit=int(sum(since)),
        )
        if progress:
            out.lines.append(
                _("%(d)d days since you quit · %(c)d cigarettes not smoked · %(m)s saved")
                % {"d": progress.days, "c": progress.cigarettes_avoided, "m": v.num(progress.money_saved, 2)}
            )
    return out


def _food(records: Sequence[EntryRecord], settings: dict[str, Any], today: date, v: _View) -> Insight:
    _ = v.gettext
    out = Insight()
    if not records:
        return out
    report = food.evaluate_food(
        _by_day(records),
        records[-1].day,
        food.FoodSettings(special_diet=bool(settings.get("special_diet")), pregnant=bool(settings.get("pregnant"))),
    )
    for outcome in report.advice:
        if outcome.advice is not None:
            out.advice.append((outcome.advice.render(_), f"{outcome.rule_id}: {outcome.explanation.render(_)}"))
    out.prompt = _(report.prompt) if report.prompt else None
    return out


def _activity(records: Sequence[EntryRecord], settings: dict[str, Any], today: date, v: _View) -> Insight:
    _ = v.gettext
    out = Insight()
    week = activity.weekly_summary(_by_day(records), end=today)
    if week.days_logged:
        out.lines.append(
            _("Last 7 days: %(m)d moderate-equivalent minutes (WHO: 150–300) — %(band)s")
            % {"m": week.moderate_equivalent_min, "band": _(week.who_band)}
        )
        out.lines.append(
            _("%(met)s MET-minutes · %(s)d strength days") % {"met": v.num(week.met_min, 0), "s": week.strength_days}
        )
        if week.mean_steps is not None:
            out.lines.append(
                _("Average steps: %(n)d (%(band)s)")
                % {"n": week.mean_steps, "band": _(week.steps_band) if week.steps_band else ""}
            )
    return out


_INSIGHTS = {
    "weight": _weight,
    "feeling": _feeling,
    "sleep": _sleep,
    "tobacco": _tobacco,
    "food": _food,
    "activity": _activity,
}


def insight_for(
    slug: str,
    records: Sequence[EntryRecord],
    settings: dict[str, Any],
    today: date,
    gettext: Gettext,
    age: int | None,
    locale: str = "en",
) -> Insight:
    """Insight lines for a built-in tracker (numbers in ``locale``); an empty insight for others."""
    builder = _INSIGHTS.get(slug)
    return builder(records, settings, today, _View(gettext, age, locale)) if builder else Insight()
