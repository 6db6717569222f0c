"""Turn a tracker form's strings into stored values, or into field errors.

"Bad value → field error, nothing stored" is decided here so routes never parse
numbers. Hard limits reject (``errors``); soft limits ask "are you sure?"
(``needs_confirmation``) until the form is re-posted with the confirmation flag,
then the entry is kept with ``confirmed_outlier`` (reference rules). Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from core.trackers import DISCLAIMER, Check, Derived, Message, Metric, Tracker

__all__ = ["CONFIRM_FIELD", "DATE_FIELD", "EntryResult", "FieldError", "parse_value", "validate_entry"]

DATE_FIELD = "date"
"""Form field holding the entry day (ISO YYYY-MM-DD, as sent by <input type=date>)."""
CONFIRM_FIELD = "confirm_outliers"
"""Form checkbox the user ticks after reviewing unusual values."""

_NUMBER = re.compile(r"[+-]?\d{1,9}(?:[.,]\d{1,9})?")
_INTEGER = re.compile(r"[+-]?\d{1,9}")
_CLOCK = re.compile(r"(\d{1,2})[:hH](\d{2})")
_TRUE = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"", "0", "false", "off", "no"})
_EARLIEST = date(1900, 1, 1)
_REQUIRED = Message.of("This field is required.")


class FieldError(ValueError):
    """A form value was refused; ``message`` says why (shown next to the field)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


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


def _with_unit(value: float | Decimal, unit: str) -> str:
    text = f"{float(value):.1f}".removesuffix(".0")
    return f"{text} {unit}" if unit else text


def _unit_for(metric: Metric, unit: str | None) -> tuple[Decimal, str]:
    """Return (factor to base unit, unit text) for the unit the user chose."""
    if unit is None or unit == metric.unit:
        return Decimal(1), metric.unit_text
    for display in metric.display_units:
        if display.code == unit:
            return Decimal(str(display.factor)), display.label
    raise FieldError(Message.of("This unit is not accepted here."))


def _limits_message(low: float | None, high: float | None, factor: Decimal, unit: str) -> Message:
    def shown(limit: float) -> str:
        return _with_unit(Decimal(str(limit)) / factor, unit)

    if low is not None and high is not None:
        return Message.of("Must be between {min} and {max}.", min=shown(low), max=shown(high))
    if low is not None:
        return Message.of("Must be at least {min}.", min=shown(low))
    return Message.of("Must be at most {max}.", max=shown(high if high is not None else 0))


def _parse_number(metric: Metric, text: str, unit: str | None) -> int | float:
    factor, unit_text = _unit_for(metric, unit)
    whole = metric.kind in ("integer", "scale")
    if not (_INTEGER if whole else _NUMBER).fullmatch(text):
        raise FieldError(Message.of("Enter a whole number." if whole else "Enter a number, for example 72.5."))
    number = Decimal(text.replace(",", ".")) * factor
    step = Decimal(1) if whole else Decimal(str(metric.step)) if metric.step else None
    if step is not None:
        number = (number / step).to_integral_value(ROUND_HALF_UP) * step
    too_low = metric.hard_min is not None and number < Decimal(str(metric.hard_min))
    if too_low or (metric.hard_max is not None and number > Decimal(str(metric.hard_max))):
        raise FieldError(_limits_message(metric.hard_min, metric.hard_max, factor, unit_text))
    return int(number) if whole else float(number)


def _parse_choice(metric: Metric, text: str) -> str | int | tuple[str | int, ...]:
    by_text = {str(choice.value): choice.value for choice in metric.choices}
    parts = [part.strip() for part in text.split(",")] if metric.multiple else [text]
    picked = [by_text.get(part) for part in parts if part]
    if any(value is None for value in picked):
        raise FieldError(Message.of("Choose one of the options."))
    values = tuple(value for value in picked if value is not None)
    return tuple(dict.fromkeys(values)) if metric.multiple else values[0]


def _parse_clock(text: str) -> time | None:
    match = _CLOCK.fullmatch(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def _parse_datetime(metric: Metric, text: str, day: date, today: date) -> datetime:
    clock = _parse_clock(text)
    if clock is not None:
        on_day = day - timedelta(days=1) if metric.noon_rollover and clock.hour >= 12 else day
        moment = datetime.combine(on_day, clock)
    else:
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            raise FieldError(Message.of("Enter a time as HH:MM, or a date and time.")) from None
        moment = moment.replace(tzinfo=None, second=0, microsecond=0)
    if moment.date() > today:
        raise FieldError(Message.of("This cannot be in the future."))
    if moment.date() < _EARLIEST:
        raise FieldError(Message.of("Enter a date after 1900."))
    return moment


def parse_value(metric: Metric, text: str, *, unit: str | None = None, day: date, today: date) -> Any | None:
    """Parse one form string into the metric's base-unit value.

    Args:
        metric: The declaration to parse against.
        text: The raw form string ("72,5" and "72.5" both accepted).
        unit: UCUM code of the unit the user chose, None for the base unit.
        day: The entry day, used to resolve bare "HH:MM" datetimes.
        today: The user's local date; later dates are refused.

    Returns:
        The parsed value, or None when the field was left empty.

    Raises:
        FieldError: The value is malformed, out of hard limits or in the future.
    """
    text = text.strip()
    if unit is not None and unit != metric.unit and metric.kind not in ("decimal", "integer", "scale"):
        raise FieldError(Message.of("This unit is not accepted here."))
    if metric.kind == "bool":
        if text.lower() not in _TRUE | _FALSE:
            raise FieldError(Message.of("Choose yes or no."))
        return text.lower() in _TRUE
    if not text:
        return None
    if metric.kind == "text":
        if metric.max_length is not None and len(text) > metric.max_length:
            raise FieldError(Message.of("Use at most {max} characters.", max=metric.max_length))
        return text
    if metric.kind == "choice":
        return _parse_choice(metric, text)
    if metric.kind == "time":
        clock = _parse_clock(text)
        if clock is None:
            raise FieldError(Message.of("Enter a time as HH:MM."))
        return clock
    if metric.kind == "datetime":
        return _parse_datetime(metric, text, day, today)
    return _parse_number(metric, text, unit)


def _parse_day(text: str, today: date, errors: dict[str, Message]) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        errors[DATE_FIELD] = Message.of("Enter a date as YYYY-MM-DD.")
        return None
    if day > today:
        errors[DATE_FIELD] = Message.of("The date cannot be in the future.")
    elif day < _EARLIEST:
        errors[DATE_FIELD] = Message.of("Enter a date after 1900.")
    return day


def _soft_message(item: Metric | Derived, value: Any) -> Message | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    low = item.soft_min is not None and value < item.soft_min
    if low or (item.soft_max is not None and value > item.soft_max):
        unit = item.unit_text if isinstance(item, Metric) else ""
        return Message.of("Is {value} right? It is outside the usual range.", value=_with_unit(value, unit))
    return None


def _compute_derived(tracker: Tracker, values: Mapping[str, Any], errors: dict[str, Message]) -> dict[str, Any]:
    merged = dict(values)
    derived: dict[str, Any] = {}
    for item in tracker.derived:
        value = item.compute(merged)
        if value is None:
            continue
        too_low = item.hard_min is not None and value < item.hard_min
        if too_low or (item.hard_max is not None and value > item.hard_max):
            errors[item.key] = Message.of("{label} out of range: please check the values entered.", label=item.label)
        merged[item.key] = derived[item.key] = value
    return derived


def _parse_metrics(
    tracker: Tracker, raw: Mapping[str, str], units: Mapping[str, str], day: date, today: date
) -> tuple[dict[str, Any], dict[str, Message], dict[str, Message]]:
    values: dict[str, Any] = {}
    errors: dict[str, Message] = {}
    soft: dict[str, Message] = {}
    for metric in tracker.metrics:
        try:
            value = parse_value(metric, raw.get(metric.key, ""), unit=units.get(metric.key), day=day, today=today)
        except FieldError as exc:
            errors[metric.key] = exc.message
            continue
        if value is None:
            if metric.required:
                errors[metric.key] = _REQUIRED
            continue
        values[metric.key] = value
        if (warning := _soft_message(metric, value)) is not None:
            soft[metric.key] = warning
    return values, errors, soft


def _check_and_derive(
    tracker: Tracker,
    values: Mapping[str, Any],
    checks: Iterable[Check],
    errors: dict[str, Message],
    soft: dict[str, Message],
) -> dict[str, Any]:
    for issue in (issue for check in (*tracker.checks, *checks) for issue in check(values)):
        (soft if issue.soft else errors).setdefault(issue.key, issue.message)
    if errors:
        return {}
    derived = _compute_derived(tracker, values, errors)
    for item in tracker.derived:
        if item.key in derived and (warning := _soft_message(item, derived[item.key])) is not None:
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

    Returns:
        An ``EntryResult``; store it only when ``ok``.
    """
    day_errors: dict[str, Message] = {}
    day = _parse_day(raw.get(DATE_FIELD, ""), today, day_errors)
    values, errors, soft = _parse_metrics(tracker, raw, unit_choices or {}, day or today, today)
    errors = {**day_errors, **errors}
    derived = {} if errors else _check_and_derive(tracker, values, extra_checks, errors, soft)
    if errors:
        return EntryResult(day, {}, {}, errors, soft)
    confirmed = confirm_outliers or raw.get(CONFIRM_FIELD, "").strip().lower() in _TRUE
    if soft and confirmed:
        return EntryResult(day, values, derived, {}, {}, tuple(soft))
    return EntryResult(day, values, derived, {}, soft)
