"""Which units and number notation a member types in, per edition and member.

Editions where people commonly weigh themselves in pounds and give heights in
feet and inches (United Kingdom, Québec) offer those units next to the metric
ones and read ``5'10"``; the others show metric units only. Whatever was typed
is stored exactly in the base unit; the unit the member last used for a metric
is remembered so forms and the settings page speak the member's unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal

from core.api import Metric, NumberFormat, as_decimal, round_half_up

__all__ = ["IMPERIAL_EDITIONS", "UNITS_SETTING", "in_unit", "number_format", "plain_number", "unit_for"]

IMPERIAL_EDITIONS = frozenset({"uk", "qc"})
UNITS_SETTING = "units"
"""Member setting: metric key → UCUM code of the unit last used (e.g. {"weight": "[lb_av]"})."""


def number_format(site_code: str, locale: str) -> NumberFormat:
    """The notation of the page language, imperial units on editions that use them."""
    return NumberFormat(locale=locale, imperial=site_code in IMPERIAL_EDITIONS)


def unit_for(metric: Metric, settings: Mapping[str, Any], fmt: NumberFormat) -> str:
    """The unit code the member last used for ``metric`` (base unit on metric-only editions)."""
    base = metric.unit or ""
    if not fmt.imperial or not metric.display_units:
        return base
    chosen = (settings.get(UNITS_SETTING) or {}).get(metric.key, base)
    return chosen if chosen in {base, *(u.code for u in metric.display_units)} else base


def plain_number(value: Decimal | float | int, locale: str) -> str:
    """A number for a form input: the locale's decimal symbol, no grouping, no trailing zeros."""
    return _plain(str(as_decimal(value).normalize()), locale)


@lru_cache(maxsize=4096)
def _plain(number: str, locale: str) -> str:
    """Babel parses the pattern and looks the locale up on each call; the settings form shows the
    same few numbers (height, pack price) on every dashboard visit. Keyed by the decimal's text,
    not the Decimal (0 and -0 are equal decimals with different texts)."""
    return format_decimal(Decimal(number), format="0.##########", locale=locale)


def in_unit(metric: Metric, value: Any, unit: str, locale: str) -> str:
    """A stored base-unit value shown in ``unit`` for a form (exact, at most 3 decimals)."""
    if not isinstance(value, int | float | Decimal) or isinstance(value, bool):
        return "" if value is None else str(value)
    factor = next((u.exact_factor for u in metric.display_units if u.code == unit), Decimal(1))
    shown = as_decimal(value) / factor
    if shown != shown.quantize(Decimal("0.001")):
        shown = round_half_up(shown, max(metric.places, 1))
    return plain_number(shown, locale)
