"""Turn a tracker form's strings into stored values, or into field errors.

"Bad value → field error, nothing stored" is decided here so routes never parse
numbers. Hard limits reject (``errors``); soft limits ask "are you sure?"
(``needs_confirmation``) until the form is re-posted with the confirmation flag,
then the entry is kept with ``confirmed_outlier`` (reference rules). Numbers are
read exactly in the page locale (:mod:`core.tracker_numbers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from core.tracker_numbers import as_decimal
from core.tracker_parsing import EARLIEST, TRUE, FieldError, NumberFormat, format_with_unit, parse_value
from core.trackers import DISCLAIMER, Check, Derived, Message, Metric, Tracker

__all__ = [
    "CONFIRM_FIELD",
    "DATE_FIELD",
    "EntryResult",
    "FieldError",
    "NumberFormat",
    "parse_value",
    "validate_entry",
]

DATE_FIELD = "date"
"""Form field holding the entry day (ISO YYYY-MM-DD, as sent by <input type=date>)."""
CONFIRM_FIELD = "confirm_outliers"
"""Form checkbox the user ticks after reviewing unusual values."""

_REQUIRED = Message.of("This field is required.")


@dataclass(frozen=True, slots=True)
class EntryResult:
    """Outcome of validating one entry form.

    Store ``values`` and ``derived`` only when ``ok``. On errors both are
    empty, so nothing partial can be stored by mistake.
    """

    day: date | None
    values: dict[str, Any]
    derived: dict[str, Any]
    errors: dict[str, Message]
    needs_confirmation: dict[str, Message]
    confirmed_outliers: tuple[str, ...] = ()
    disclaimer: str = DISCLAIMER

    @property
    def ok(self) -> bool:
        """True when the entry can be stored as is."""
        return not self.errors and not self.needs_confirmation

    @property
    def confirmed_outlier(self) -> bool:
        """True when the user confirmed at least one unusual value."""
        return bool(self.confirmed_outliers)


def _parse_day(text: str, today: date, errors: dict[str, Message]) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        errors[DATE_FIELD] = Message.of("Enter a date as YYYY-MM-DD.")
        return None
    if day > today:
        errors[DATE_FIELD] = Message.of("The date cannot be in the future.")
    elif day < EARLIEST:
        errors[DATE_FIELD] = Message.of("Enter a date after 1900.")
    return day


def _soft_message(item: Metric | Derived, value: Any, fmt: NumberFormat) -> Message | None:
    if not isinstance(value, int | float | Decimal) or isinstance(value, bool):
        return None
    low = item.soft_min is not None and value < as_decimal(item.soft_min)
    if low or (item.soft_max is not None and value > as_decimal(item.soft_max)):
        unit = item.unit_text if isinstance(item, Metric) else ""
        shown = format_with_unit(value, unit, fmt, None if isinstance(item, Metric) else 1)
        return Message.of("Is {value} right? It is outside the usual range.", value=shown)
    return None


def _compute_derived(tracker: Tracker, values: Mapping[str, Any], errors: dict[str, Message]) -> dict[str, Any]:
    merged = dict(values)
    derived: dict[str, Any] = {}
    for item in tracker.derived:
        value = item.compute(merged)
        if value is None:
            continue
        exact = item.exact(merged) if item.exact is not None else value
        exact = value if exact is None else exact
        too_low = item.hard_min is not None and exact < as_decimal(item.hard_min)
        if too_low or (item.hard_max is not None and exact > as_decimal(item.hard_max)):
            errors[item.key] = Message.of("{label} out of range: please check the values entered.", label=item.label)
        merged[item.key] = derived[item.key] = value
    return derived


def _parse_metrics(
    tracker: Tracker, raw: Mapping[str, str], units: Mapping[str, str], day: date, today: date, fmt: NumberFormat
) -> tuple[dict[str, Any], dict[str, Message], dict[str, Message]]:
    values: dict[str, Any] = {}
    errors: dict[str, Message] = {}
    soft: dict[str, Message] = {}
    flag = tracker.same_day_flag
    same_day = bool(flag) and raw.get(flag or "", "").strip().lower() in TRUE
    after: datetime | None = None
    for metric in tracker.metrics:
        try:
            value = parse_value(
                metric,
                raw.get(metric.key, ""),
                unit=units.get(metric.key),
                day=day,
                today=today,
                fmt=fmt,
                after=after,
                same_day=same_day,
            )
        except FieldError as exc:
            errors[metric.key] = exc.message
            continue
        if metric.noon_rollover and isinstance(value, datetime):
            after = value
        if value is None:
            if metric.required:
                errors[metric.key] = _REQUIRED
            continue
        values[metric.key] = value
        if (warning := _soft_message(metric, value, fmt)) is not None:
            soft[metric.key] = warning
    return values, errors, soft


def _check_and_derive(
    tracker: Tracker,
    values: Mapping[str, Any],
    checks: Iterable[Check],
    errors: dict[str, Message],
    soft: dict[str, Message],
    fmt: NumberFormat,
) -> dict[str, Any]:
    for issue in (issue for check in (*tracker.checks, *checks) for issue in check(values)):
        (soft if issue.soft else errors).setdefault(issue.key, issue.message)
    if errors:
        return {}
    derived = _compute_derived(tracker, values, errors)
    for item in tracker.derived:
        if item.key in derived and (warning := _soft_message(item, derived[item.key], fmt)) is not None:
            soft.setdefault(item.key, warning)
    return derived


def validate_entry(
    tracker: Tracker,
    raw: Mapping[str, str],
    *,
    unit_choices: Mapping[str, str] | None = None,
    today: date,
    confirm_outliers: bool = False,
    extra_checks: Iterable[Check] = (),
    fmt: NumberFormat | None = None,
) -> EntryResult:
    """Validate one submitted entry form for ``tracker``.

    Cross-field checks and derived values run only once every field parsed.

    Args:
        tracker: The tracker declaration.
        raw: Form fields: ``DATE_FIELD``, one per metric key, optional ``CONFIRM_FIELD``.
        unit_choices: Metric key → UCUM code of the unit the user typed in (e.g. "[lb_av]").
        today: The user's local date (entries and times after it are refused).
        confirm_outliers: Same as a ticked ``CONFIRM_FIELD``.
        extra_checks: History-based checks built by the caller (e.g. weight change in 48 h).
        fmt: The page locale and unit system used to read numbers (English, metric by default).

    Returns:
        An ``EntryResult``; store it only when ``ok``.
    """
    day_errors: dict[str, Message] = {}
    day = _parse_day(raw.get(DATE_FIELD, ""), today, day_errors)
    fmt = fmt or NumberFormat()
    values, errors, soft = _parse_metrics(tracker, raw, unit_choices or {}, day or today, today, fmt)
    errors = {**day_errors, **errors}
    derived = {} if errors else _check_and_derive(tracker, values, extra_checks, errors, soft, fmt)
    if errors:
        return EntryResult(day, {}, {}, errors, soft)
    confirmed = confirm_outliers or raw.get(CONFIRM_FIELD, "").strip().lower() in TRUE
    if soft and confirmed:
        return EntryResult(day, values, derived, {}, {}, tuple(soft))
    return EntryResult(day, values, derived, {}, soft)
