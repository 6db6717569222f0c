"""What templates show of a listing: labels, formatted phone and distance, badges."""

from __future__ import annotations

from typing import Any

from core.api import format_distance
from plugins.directory.forms import LANGUAGES, format_phone
from plugins.directory.specialties import codes_for, label

__all__ = ["LANGUAGE_NAMES", "display", "language_choices", "specialty_choices"]

#: Language names shown in each page language (ISO 639-1 codes, "ber" Tamazight).
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "fr": "français",
        "en": "anglais",
        "de": "allemand",
        "ar": "arabe",
        "ber": "tamazight",
        "es": "espagnol",
        "it": "italien",
        "pt": "portugais",
        "nl": "néerlandais",
        "tr": "turc",
        "ru": "russe",
    },
    "en": {
        "fr": "French",
        "en": "English",
        "de": "German",
        "ar": "Arabic",
        "ber": "Tamazight",
        "es": "Spanish",
        "it": "Italian",
        "pt": "Portuguese",
        "nl": "Dutch",
        "tr": "Turkish",
        "ru": "Russian",
    },
    "de": {
        "fr": "Französisch",
        "en": "Englisch",
        "de": "Deutsch",
        "ar": "Arabisch",
        "ber": "Tamazight",
        "es": "Spanisch",
        "it": "Italienisch",
        "pt": "Portugiesisch",
        "nl": "Niederländisch",
        "tr": "Türkisch",
        "ru": "Russisch",
    },
}


def specialty_choices(country: str, language: str) -> list[tuple[str, str]]:
    """(code, label) pairs for a select, sorted by label in the page language."""
    return sorted(((c, label(c, country, language)) for c in codes_for(country)), key=lambda p: p[1].casefold())


def language_choices(language: str) -> list[tuple[str, str]]:
    names = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"])
    return [(code, names[code]) for code in LANGUAGES]


def display(row: dict[str, Any], country: str, language: str) -> dict[str, Any]:
    """A listing row with what a page prints, in the page's language and locale."""
    names = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"])
    spoken = [c for c in (row.get("languages") or "").split(",") if c]
    return {
        **row,
        "specialty_label": label(row["specialty"], country, language),
        "phone_display": format_phone(row.get("phone") or "", country),
        "distance": format_distance(row["km"], language) if "km" in row else "",
        "spoken": [names.get(c, c) for c in spoken],
    }
