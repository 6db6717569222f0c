"""Search keys for place names: accent-, case- and punctuation-insensitive.

"Saint-Étienne", "st etienne" and "SAINT ETIENNE" share one key, so a member
finds a place however they type it. Used both when the data file is built and
at lookup time, so both sides always agree.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_latin", "place_key", "postcode_key"]

_SPECIAL = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "mt": "mont"}


def place_key(text: str) -> str:
    """Lower-case ASCII words separated by one space ("" for empty input)."""
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    words = _NON_ALNUM.sub(" ", ascii_only).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def postcode_key(text: str) -> str:
    """Upper-case postcode without spaces ("sw1a 1aa" -> "SW1A1AA")."""
    return re.sub(r"[\s-]+", "", text).upper()


def is_latin(text: str) -> bool:
    """True when every letter is Latin (alternate names in other scripts are dropped)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)
