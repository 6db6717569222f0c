"""Ad form: validation with clear messages; nothing is stored when anything is wrong.

Prices are typed the way the edition writes numbers ("12,50" in French,
"12.50" in English), parsed with Babel, bounded, and kept in the currency's
minor unit (cents; millimes for the Tunisian dinar).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import NumberFormatError, get_currency_precision, parse_decimal

from core.api import N_, Place, geocode, suggest_places
from plugins.classifieds.categories import CATEGORIES, KINDS, PRICED_KINDS

__all__ = ["LIMITS", "MAX_PHOTOS", "MAX_PRICE", "AdForm", "parse_ad", "parse_price"]

LIMITS = {"title": 100, "description": 3000, "place": 80, "price": 20}
MAX_PHOTOS = 5
MAX_PRICE = Decimal(100_000)  # above this, an equipment ad is a typo or abuse


@dataclass
class AdForm:
    raw: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    place: Place | None = None
    suggestions: list[Place] = field(default_factory=list)
    rule: str = ""  # the legal-pack rule an ad breaks, quoted to the member


def _text(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value.replace("\x00", "").replace("\r\n", "\n").strip() if isinstance(value, str) else ""


def parse_price(text: str, currency: str, locale: str) -> tuple[int | None, str | None]:
    """(amount in minor units or None, error msgid or None)."""
    if not text:
        return None, None
    try:
        amount = parse_decimal(text.replace(" ", "").replace("\u202f", "").replace("\u00a0", ""), locale=locale)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None, N_("Enter a price as a number, e.g. 25 or 12,50.")
    if amount < 0:
        return None, N_("A price cannot be negative.")
    if amount > MAX_PRICE:
        return None, N_("This price is too high for an ad here.")
    precision = get_currency_precision(currency)
    return int((amount * 10**precision).to_integral_value()), None


def parse_ad(form: Any, site: Any, locale: str) -> AdForm:
    """Validate an ad for an edition (currency, gazetteer area, forbidden items)."""
    raw = {k: _text(form, k) for k in ("kind", "category", "title", "description", "price", "place")}
    result = AdForm(raw=raw)
    errors = result.errors
    for name, limit in LIMITS.items():
        if len(raw.get(name, "")) > limit:
            errors[name] = N_("This text is too long.")
    if raw["kind"] not in KINDS:
        errors["kind"] = N_("Choose what kind of ad this is.")
    if raw["category"] not in CATEGORIES:
        errors["category"] = N_("Choose a category.")
    if not raw["title"]:
        errors.setdefault("title", N_("Give your ad a title."))
    if not raw["description"]:
        errors.setdefault("description", N_("Describe what you offer or look for."))
    price, price_error = parse_price(raw["price"], site.currency, locale) if "price" not in errors else (None, None)
    if price_error:
        errors["price"] = price_error
    elif price is not None and raw["kind"] == "give" and price > 0:
        errors["price"] = N_("An item to give away has no price.")
    if "place" not in errors:
        _place(raw["place"], site.country, result)
    item = site.forbidden_item(raw["title"], raw["description"])
    if item is not None:
        result.rule = item.rule
        errors["description"] = N_("This ad offers an item that cannot be offered here.")
    if errors or result.place is None:
        return result
    result.values = {
        "kind": raw["kind"],
        "category": raw["category"],
        "title": raw["title"],
        "description": raw["description"],
        "price_minor": price if raw["kind"] in PRICED_KINDS else None,
        "currency": site.currency,
    }
    return result


def _place(text: str, country: str, result: AdForm) -> None:
    if not text:
        result.errors["place"] = N_("Enter a town or a postcode.")
        return
    place = geocode(text, country)
    if place is None:
        result.errors["place"] = N_("We do not know this town or postcode. Choose one of the suggestions.")
        result.suggestions = suggest_places(text, country, limit=5)
    result.place = place
