"""Parse one tracker form field into its stored value, or refuse it with a message.

Numbers are read exactly in the page locale (:mod:`core.tracker_numbers`), units
converted with exact factors and hard limits checked on the exact value; times
may be bare "HH:MM" (placed relative to the entry day) or full date-times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from core.tracker_numbers import as_decimal, format_number, parse_feet_inches, parse_locale_decimal, shown_limit
from core.trackers import DisplayUnit, Message, Metric

__all__ = ["EARLIEST", "TRUE", "FieldError", "NumberFormat", "format_with_unit", "parse_value"]

_CLOCK = re.compile(r"(\d{1,2})[:hH](\d{2})")
TRUE = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"", "0", "false", "off", "no"})
EARLIEST = date(1900, 1, 1)
_BACK_WINDOW = timedelta(hours=6)


class FieldError(ValueError):
    """A form value was refused; ``message`` says why (shown next to the field)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """How the member writes numbers: the page locale, and whether the edition uses imperial units."""

    locale: str = "en"
    imperial: bool = False


def format_with_unit(value: Decimal | float | int, unit: str, fmt: NumberFormat, places: int | None = None) -> str:
    text = format_number(value, fmt.locale, places)
    return f"{text} {unit}" if unit else text


def _unit_for(metric: Metric, unit: str | None) -> tuple[Decimal, str, DisplayUnit | None]:
    """Return (exact factor to base unit, unit text, display unit) for the unit the user chose."""
    if unit is None or unit == "" or unit == metric.unit:
        return Decimal(1), metric.unit_text, None
    for display in metric.display_units:
        if display.code == unit:
            return display.exact_factor, display.label, display
    raise FieldError(Message.of("This unit is not accepted here."))


def _limits_message(metric: Metric, factor: Decimal, unit: str, fmt: NumberFormat) -> Message:
    low, high = metric.hard_min, metric.hard_max
    places = metric.places if factor == 1 else max(metric.places, 1)

    def shown(limit: float, lower: bool) -> str:
        return format_with_unit(shown_limit(as_decimal(limit) / factor, places, lower=lower), unit, fmt)

    if low is not None and high is not None:
        return Message.of("Must be between {min} and {max}.", min=shown(low, True), max=shown(high, False))
    if low is not None:
        return Message.of("Must be at least {min}.", min=shown(low, True))
    return Message.of("Must be at most {max}.", max=shown(high if high is not None else 0, False))


def _typed_number(metric: Metric, text: str, display: DisplayUnit | None, fmt: NumberFormat) -> Decimal | None:
    """The typed number in the chosen unit, or feet + inches (as inches) on imperial editions."""
    feet_unit = next((u for u in metric.display_units if u.feet_inches), None)
    if fmt.imperial and feet_unit is not None and (display is None or display is feet_unit):
        try:
            inches = parse_feet_inches(text, fmt.locale)
        except ValueError:
            raise FieldError(Message.of("Inches must be less than 12.")) from None
        if inches is not None:
            return inches * feet_unit.exact_factor / (display.exact_factor if display else Decimal(1))
    return parse_locale_decimal(text, fmt.locale)


def _parse_number(metric: Metric, text: str, unit: str | None, fmt: NumberFormat) -> int | Decimal:
    factor, unit_text, display = _unit_for(metric, unit)
    whole = metric.kind in ("integer", "scale")
    typed = _typed_number(metric, text, display, fmt)
    if typed is None or (whole and typed != typed.to_integral_value()):
        if whole:
            raise FieldError(Message.of("Enter a whole number."))
        raise FieldError(
            Message.of("Enter a number, for example {example}.", example=format_number(Decimal("72.5"), fmt.locale))
        )
    number = typed * factor  # exact: the factors are finite decimals
    too_low = metric.hard_min is not None and number < as_decimal(metric.hard_min)
    if too_low or (metric.hard_max is not None and number > as_decimal(metric.hard_max)):
        raise FieldError(_limits_message(metric, factor, unit_text, fmt))
    return int(number) if whole else number


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


def _parse_datetime(
    metric: Metric, text: str, day: date, today: date, after: datetime | None = None, same_day: bool = False
) -> datetime:
    """A bare "HH:MM" or a full date-time.

    For ``noon_rollover`` metrics a bare time is placed by the noon rule
    (12:00–23:59 → the evening before the entry day, unless ``same_day``), then
    moved to the next day when that would put it more than ``_BACK_WINDOW``
    before ``after``, the previous time field (midnight or noon was crossed).
    So bed 03:00 → up 12:10 is one 9-hour night, a day sleeper's 09:00 → 16:30
    stays on one day, and bed 23:00 → asleep 22:30 is still reported as a mistake.
    """
    clock = _parse_clock(text)
    if clock is not None:
        rollover = metric.noon_rollover and clock.hour >= 12 and not same_day
        moment = datetime.combine(day - timedelta(days=1) if rollover else day, clock)
        if metric.noon_rollover and after is not None and after - moment > _BACK_WINDOW:
            moment += timedelta(days=1)
    else:
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            raise FieldError(Message.of("Enter a time as HH:MM, or a date and time.")) from None
        moment = moment.replace(tzinfo=None, second=0, microsecond=0)
    if moment.date() > today:
        raise FieldError(Message.of("This cannot be in the future."))
    if moment.date() < EARLIEST:
        raise FieldError(Message.of("Enter a date after 1900."))
    return moment


def parse_value(
    metric: Metric,
    text: str,
    *,
    unit: str | None = None,
    day: date,
    today: date,
    fmt: NumberFormat | None = None,
    after: datetime | None = None,
    same_day: bool = False,
) -> Any | None:
    """Parse one form string into the metric's base-unit value.

    Args:
        metric: The declaration to parse against.
        text: The raw form string, numbers in the locale's notation ("72,5" in French).
        unit: UCUM code of the unit the user chose, None for the base unit.
        day: The entry day, used to resolve bare "HH:MM" datetimes.
        today: The user's local date; later dates are refused.
        fmt: Locale and unit system of the edition (English, metric by default).
        after: For chained bare times: the moment of the previous time field.
        same_day: A first bare time belongs to ``day`` even after noon (day sleep).

    Returns:
        The parsed value, or None when the field was left empty.

    Raises:
        FieldError: The value is malformed, out of hard limits or in the future.
    """
    text = text.strip()
    if unit is not None and unit != metric.unit and metric.kind not in ("decimal", "integer", "scale"):
        raise FieldError(Message.of("This unit is not accepted here."))
    if metric.kind == "bool":
        if text.lower() not in TRUE | _FALSE:
            raise FieldError(Message.of("Choose yes or no."))
        return text.lower() in TRUE
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
        return _parse_datetime(metric, text, day, today, after, same_day)
    return _parse_number(metric, text, unit, fmt or NumberFormat())
