"""Parsing and checking what members type: visibility, "since" dates, treatments, bio.

Every checker returns a message id (translated by the page) or None; nothing
here touches the database.
"""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date, format_skeleton

from core.api import N_

__all__ = [
    "BIO_MAX",
    "TREATMENT_MAX",
    "VISIBILITIES",
    "check_since",
    "check_treatment",
    "check_visibility",
    "levels_for",
    "since_display",
    "since_sort_key",
]

VISIBILITIES = ("me", "friends", "members")
BIO_MAX = 2000
TREATMENT_MAX = 120
_SINCE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_visibility(value: str) -> str | None:
    return None if value in VISIBILITIES else N_("Choose who may see this.")


def check_since(value: str, today: date) -> str | None:
    """A year, a month or a day, not in the future and not before 1900 (empty is fine)."""
    if not value:
        return None
    match = _SINCE.match(value)
    if match is None:
        return N_("Enter a year like 2019, a month like 2019-03, or a full date.")
    year, month, day = (int(x) if x else None for x in match.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return N_("Enter a year like 2019, a month like 2019-03, or a full date.")
    if year < 1900:
        return N_("Enter a year after 1900.")
    given = (year, month or 0, day or 0)
    now = (today.year, today.month if month else 0, today.day if day else 0)
    if given > now:
        return N_("The date cannot be in the future.")
    return None


def since_display(value: str | None, locale: str) -> str:
    """A stored "since" for reading: "2012", "sept. 2012", "14 sept. 2012" in the page's language."""
    match = _SINCE.match(value or "")
    if match is None:
        return value or ""
    year, month, day = (int(x) if x else None for x in match.groups())
    assert year is not None
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMM", date(year, month, 1), locale=locale)
    return format_date(date(year, month, day), format="medium", locale=locale)


def since_sort_key(value: str | None) -> str:
    return value or "9999"


def check_treatment(value: str) -> str | None:
    if not value.strip():
        return N_("Enter the name of the treatment.")
    if len(value) > TREATMENT_MAX:
        return N_("Keep the treatment name under 120 characters.")
    return None


def levels_for(relation: str) -> tuple[str, ...]:
    """Visibilities a viewer may see: ``owner`` sees all, a ``friend`` friends and members, others members."""
    if relation == "owner":
        return VISIBILITIES
    if relation == "friend":
        return ("friends", "members")
    return ("members",)
