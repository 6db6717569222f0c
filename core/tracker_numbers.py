"""Exact, locale-aware numbers for tracker forms.

Members type numbers the way their edition writes them ("72,5" and "1 234,5" in
French, "1.234,5" in German, "72.5" in English); we parse them with Babel into
``Decimal`` so that what was measured is kept at the precision it was entered,
convert units with their exact factors, and check limits on that exact value.
Rounding happens only for display (:func:`round_half_up`, :func:`format_number`).
Imperial editions also accept heights as feet and inches (``5'10"``, ``5 ft 10``).
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

__all__ = [
    "FEET_INCHES",
    "as_decimal",
    "format_number",
    "parse_feet_inches",
    "parse_locale_decimal",
    "round_half_up",
    "shown_limit",
]

_SPACES = "\u0020\u00a0\u2007\u2009\u202f"
_ALLOWED = re.compile(rf"[+\-−]?[0-9{_SPACES}'’.,]{{1,24}}")
_APOSTROPHES = "'’"
FEET_INCHES = re.compile(
    r"\s*(?P<ft>\d{1,2})\s*(?:'|’|′|ft\.?|feet|foot)\s*"
    r"(?:(?P<inch>\d{1,2}(?:[.,]\d{1,3})?)\s*(?:\"|”|″|''|’’|in\.?|inch(?:es)?)?)?\s*",
    re.IGNORECASE,
)
"""Feet and inches as people write them: ``5'10"``, ``5' 10``, ``5 ft 10 in``, ``6 ft``."""


def as_decimal(value: Decimal | Fraction | float | int | str) -> Decimal:
    """An exact ``Decimal`` for declaration numbers (floats go through ``str``: 0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value))


def round_half_up(value: Decimal | Fraction | float | int, places: int = 1) -> Decimal:
    """Round for display the way people expect (24.95 → 25.0), exactly.

    Fractions are rounded without an intermediate ``Decimal`` division, so a
    BMI of exactly 24.95 is never seen as 24.9499…
    """
    quantum = Decimal(1).scaleb(-places)
    if isinstance(value, Fraction):
        scaled = value * 10**places
        whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
        if scaled < 0:  # half away from zero for negatives too
            whole = -((-scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator))
        return (Decimal(whole) * quantum).quantize(quantum)
    return as_decimal(value).quantize(quantum, ROUND_HALF_UP)


def shown_limit(value: Decimal, places: int, *, lower: bool) -> Decimal:
    """A limit rounded for display so that the shown number is itself accepted.

    A minimum is rounded up and a maximum down: 20 kg shown in pounds is
    44.1 lb (44.09… rounded up), and 44.1 lb passes the 20 kg minimum.
    """
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, ROUND_CEILING if lower else ROUND_FLOOR)


def format_number(value: Decimal | Fraction | float | int, locale: str, places: int | None = None) -> str:
    """``value`` written in the locale (decimal comma, grouping), rounded half-up when ``places`` is given."""
    number = round_half_up(value, places) if places is not None else as_decimal(value)
    fmt = None if places is None else "#,##0" + ("." + "0" * places if places > 0 else "")
    return format_decimal(number.normalize() if places is None else number, format=fmt, locale=locale)


def _normalise(text: str, locale: str) -> str:
    text = text.strip().replace("−", "-")
    group = get_group_symbol(locale)
    if group in _SPACES or group.isspace():
        text = "".join(group if char in _SPACES else char for char in text)
    elif group in _APOSTROPHES:
        text = "".join(group if char in _APOSTROPHES else char for char in text)
    return text


def _other_separator(text: str, locale: str) -> Decimal | None:
    """Read "72.5" in German or "72,5" in English as a decimal when it cannot be grouping.

    One separator followed by anything but exactly three digits cannot be a
    thousands separator, so the member meant a decimal point.
    """
    decimal_symbol = get_decimal_symbol(locale)
    other = "." if decimal_symbol == "," else ","
    sign = text[0] if text[:1] in "+-" else ""
    body = text[len(sign) :]
    head, sep, tail = body.partition(other)
    if not sep or not head.isdigit() or not tail.isdigit() or len(tail) == 3 or other in tail:
        return None
    return Decimal(f"{sign}{head}.{tail}")


def parse_locale_decimal(text: str, locale: str) -> Decimal | None:
    """Parse a typed number exactly in the locale's notation, or None when it is not one.

    Accepts the locale's decimal symbol and grouping (any kind of space for
    French), and the other decimal symbol when it cannot mean grouping.
    Refuses exponents, letters and more than 24 characters.
    """
    text = _normalise(text, locale)
    if not text or not _ALLOWED.fullmatch(text) or not any(char.isdigit() for char in text):
        return None
    try:
        number = parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return _other_separator(text, locale)
    return number if number.is_finite() else None


def parse_feet_inches(text: str, locale: str) -> Decimal | None:
    """Feet and inches to inches, exactly (``5'10"`` → 70); None when ``text`` is not feet and inches.

    Raises:
        ValueError: The inches part is 12 or more.
    """
    match = FEET_INCHES.fullmatch(text)
    if not match:
        return None
    inches = Decimal(0)
    if match["inch"]:
        inches = parse_locale_decimal(match["inch"], locale) or Decimal(match["inch"].replace(",", "."))
    if inches >= 12:
        raise ValueError("inches must be below 12")
    return Decimal(match["ft"]) * 12 + inches
