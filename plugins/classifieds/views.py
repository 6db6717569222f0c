"""What pages print of an ad: labels, price in the edition's currency, dates, distance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_currency_precision

from core.api import format_distance
from plugins.classifieds.categories import CATEGORIES, KINDS

__all__ = ["display", "price_input", "price_text"]


def price_text(minor: int | None, currency: str, locale: str) -> str:
    """ "25,00 €" in French, "£25.00" in English; "" without a price."""
    if minor is None:
        return ""
    amount = Decimal(minor) / (10 ** get_currency_precision(currency))
    return format_currency(amount, currency, locale=locale)


def price_input(minor: int | None, currency: str, locale: str) -> str:
    """The price as the form shows it back ("12,5" in French)."""
    if minor is None:
        return ""
    amount = Decimal(minor) / (10 ** get_currency_precision(currency))
    return format_decimal(amount, locale=locale, group_separator=False)


def display(row: dict[str, Any], locale: str, gettext: Any) -> dict[str, Any]:
    return {
        **row,
        "kind_label": gettext(KINDS.get(row["kind"], row["kind"])),
        "category_label": gettext(CATEGORIES.get(row["category"], row["category"])),
        "price_text": price_text(row["price_minor"], row["currency"], locale),
        "expires_text": format_date(row["expires_at"], format="long", locale=locale),
        "created_text": format_date(row["created_at"], format="long", locale=locale),
        "distance": format_distance(row["km"], locale) if "km" in row else "",
    }
