"""Listing form: validation with messages a member understands; nothing stored on error.

Messages are msgids (translated in the templates). Phones are parsed and
checked with ``phonenumbers`` for the edition's country, then stored in
E.164 and shown in the country's national format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from core.api import N_, Place, geocode, suggest_places
from plugins.directory.specialties import codes_for

__all__ = [
    "BOOLEAN_FIELDS",
    "LANGUAGES",
    "LIMITS",
    "ListingForm",
    "format_phone",
    "parse_listing",
    "parse_phone",
    "region_of",
]

LIMITS = {"name": 120, "address": 200, "place": 80, "phone": 30, "website": 200, "hours": 500, "note": 500}
BOOLEAN_FIELDS = ("wheelchair", "hearing_loop", "online_booking", "video_consultation")
#: Languages a listing may say it speaks (ISO 639-1; "ber" for Tamazight).
LANGUAGES = ("fr", "en", "de", "ar", "ber", "es", "it", "pt", "nl", "tr", "ru")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d{1,5})?(/[^\s<>\"]*)?$")


def region_of(country: str) -> str:
    """``phonenumbers`` region of a gazetteer area ("CA-QC" -> "CA")."""
    return country.split("-")[0]


def parse_phone(raw: str, country: str) -> str | None:
    """E.164 form of a phone valid for the country (or written internationally), else None."""
    try:
        number = phonenumbers.parse(raw, region_of(country))
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, country: str) -> str:
    """National format at home ("04 78 12 34 56"), international abroad."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, None)
    same = phonenumbers.region_code_for_number(number) == region_of(country)
    style = phonenumbers.PhoneNumberFormat.NATIONAL if same else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


@dataclass
class ListingForm:
    """What the form sent (to re-render it) and what is valid (to store it)."""

    raw: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    place: Place | None = None
    suggestions: list[Place] = field(default_factory=list)


def _text(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value.replace("\x00", "").strip() if isinstance(value, str) else ""


def check_place(text: str, country: str, result: ListingForm, name: str = "place") -> None:
    """Geocode a typed place; an unknown one is an error with spelling suggestions."""
    if not text:
        result.errors[name] = N_("Enter a town or a postcode.")
        return
    place = geocode(text, country)
    if place is None:
        result.errors[name] = N_("We do not know this town or postcode. Choose one of the suggestions.")
        result.suggestions = suggest_places(text, country, limit=5)
        return
    result.place = place


def parse_listing(form: Any, country: str) -> ListingForm:
    """Validate a listing form for an edition's country."""
    raw: dict[str, Any] = {
        k: _text(form, k) for k in ("name", "specialty", "address", "place", "phone", "website", "hours")
    }
    raw["languages"] = [v for v in form.getall("languages", [])] if hasattr(form, "getall") else []
    for flag in BOOLEAN_FIELDS:
        raw[flag] = form.get(flag) == "1"
    result = ListingForm(raw=raw)
    errors = result.errors
    for name, limit in LIMITS.items():
        if len(raw.get(name, "")) > limit:
            errors[name] = N_("This text is too long.")
    if not raw["name"]:
        errors.setdefault("name", N_("Enter the name of the professional or organisation."))
    if raw["specialty"] not in codes_for(country):
        errors["specialty"] = N_("Choose a specialty from the list.")
    if "place" not in errors:
        check_place(raw["place"], country, result)
    phone = ""
    if raw["phone"] and "phone" not in errors:
        phone = parse_phone(raw["phone"], country) or ""
        if not phone:
            errors["phone"] = N_("This phone number is not valid for this country.")
    if raw["website"] and not _URL.match(raw["website"]):
        errors.setdefault("website", N_("Enter a web address starting with https://"))
    languages = [code for code in raw["languages"] if code in LANGUAGES]
    if len(languages) != len(raw["languages"]):
        errors["languages"] = N_("Choose languages from the list.")
    if errors or result.place is None:
        return result
    result.values = {
        "name": raw["name"],
        "specialty": raw["specialty"],
        "address": raw["address"],
        "phone": phone,
        "website": raw["website"],
        "hours": raw["hours"],
        "languages": ",".join(languages),
        **{flag: raw[flag] for flag in BOOLEAN_FIELDS},
    }
    return result
