"""Validation of sign-up fields: pseudonym, e-mail address, year of birth.

Pseudonyms are public on a health community, so the rules keep contact
details out of them (no e-mail, website or phone number) while accepting
names in any script. Validators return a short English message (a gettext
msgid) or None, so forms can show every problem at once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from core.i18n import N_

__all__ = [
    "MAX_EMAIL_LENGTH",
    "PSEUDONYM_MAX_LENGTH",
    "PSEUDONYM_MIN_LENGTH",
    "normalise_email",
    "normalise_pseudonym",
    "validate_birth_year",
    "validate_email",
    "validate_pseudonym",
]

PSEUDONYM_MIN_LENGTH = 3
PSEUDONYM_MAX_LENGTH = 30
MAX_EMAIL_LENGTH = 254
"""RFC 5321 path limit (256) minus the angle brackets."""

_MAX_AGE = 120
_PHONE_DIGITS = 6
_PSEUDONYM_PUNCTUATION = frozenset(" _-.")
# Top-level domains people actually type; a generic "word.word" rule would
# refuse ordinary pseudonyms such as "marie.claire".
_TLDS = (
    "app|be|biz|ca|ch|co|com|de|dev|dz|es|eu|fr|gov|info|io|it|lu|ma|me|net|"
    "nl|online|org|pro|qc|quebec|shop|site|tn|tv|uk|us|xyz"
)
_DOMAIN_LIKE = re.compile(rf"[^\W_]\.(?:{_TLDS})(?![^\W_])", re.IGNORECASE)
_EMAIL_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")
_DOMAIN_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_BIRTH_YEAR = re.compile(r"\d{4}")


def _pseudonym_char_ok(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Letters of any script, their combining marks (Indic, Arabic vowels)
    # and decimal digits; no symbols, emoji, controls or invisible format
    # characters (bidi overrides would let names impersonate others).
    return category[0] in "LM" or category == "Nd" or ch in _PSEUDONYM_PUNCTUATION


def validate_pseudonym(value: str) -> str | None:
    """Check a pseudonym typed at sign-up or on the profile page.

    Args:
        value: The raw form value; it is NFKC-normalised and stripped first.

    Returns:
        A message describing the first problem, or None when acceptable.
    """
    name = unicodedata.normalize("NFKC", value).strip()
    if not PSEUDONYM_MIN_LENGTH <= len(name) <= PSEUDONYM_MAX_LENGTH:
        return N_("Choose a pseudonym of 3 to 30 characters.")
    if "@" in name or _DOMAIN_LIKE.search(name):
        return N_("Your pseudonym must not contain an e-mail address or a website.")
    if sum(unicodedata.category(ch) == "Nd" for ch in name) >= _PHONE_DIGITS:
        return N_("Your pseudonym must not contain a phone number.")
    if not all(_pseudonym_char_ok(ch) for ch in name):
        return N_("Use only letters, digits, spaces and the characters _ - and .")
    if unicodedata.category(name[0])[0] == "M" or not any(unicodedata.category(ch)[0] in "LN" for ch in name):
        return N_("Your pseudonym must contain letters or digits.")
    return None


def normalise_pseudonym(value: str) -> str:
    """Return the key that makes "Marie  Claire" and "marie claire" one name.

    NFKC, stripped, inner whitespace collapsed, case-folded (then NFKC again,
    because case-folding can un-normalise). Store it in a unique column.
    Look-alike letters from other scripts are not folded.

    Args:
        value: A pseudonym, validated or not.

    Returns:
        The uniqueness key.
    """
    name = " ".join(unicodedata.normalize("NFKC", value).split())
    return unicodedata.normalize("NFKC", name.casefold())


def _local_part_ok(local: str) -> bool:
    if not 1 <= len(local) <= 64 or local.startswith(".") or local.endswith("."):
        return False
    if ".." in local:
        return False
    # ASCII "atext" plus non-ASCII letters and digits (RFC 6531 addresses).
    return all(ch in _EMAIL_LOCAL_CHARS or (ord(ch) > 127 and ch.isalnum()) for ch in local)


def _domain_ok(domain: str) -> bool:
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    labels = ascii_domain.split(".")
    if len(labels) < 2 or len(ascii_domain) > 253:
        return False
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        return False
    tld = labels[-1]
    return tld.startswith("xn--") or (tld.isalpha() and len(tld) >= 2)


def validate_email(value: str) -> str | None:
    """Check an e-mail address with pragmatic rules, not the full RFC 5322.

    Quoted local parts, comments and IP-literal domains are refused: real
    members do not use them, and they complicate every later comparison.
    The only proof an address works is the verification mail.

    Args:
        value: The raw form value; surrounding whitespace is ignored.

    Returns:
        A message describing the problem, or None when acceptable.
    """
    address = value.strip()
    if len(address) > MAX_EMAIL_LENGTH:
        return N_("This e-mail address is too long.")
    local, at, domain = address.rpartition("@")
    if not at or not _local_part_ok(local) or not _domain_ok(domain):
        return N_("Enter a valid e-mail address, like name@example.org.")
    return None


def normalise_email(value: str) -> str:
    """Return the stored form of an address: stripped and lower-cased.

    RFC 5321 lets a server treat the local part as case-sensitive, but in
    practice no mainstream provider does, while members do type
    ``Alice@…`` once and ``alice@…`` the next time: one account per address
    whatever the case (as GitLab and Discourse do).

    Args:
        value: An address, ideally already accepted by :func:`validate_email`.

    Returns:
        The address to store and to look members up by.
    """
    return value.strip().lower()


def validate_birth_year(value: str, *, min_age: int, today: date) -> tuple[int | None, str | None]:
    """Parse a year of birth and check the member is old enough to join.

    Only the year is collected (data minimisation), so the age is known to
    within one year. The rule is conservative: the member may have been born
    on 31 December, so the age they are certain to have reached today is
    ``today.year - year - 1``, or ``today.year - year`` on 31 December, when
    every birthday of the year has passed. That certain age must be at least
    ``min_age``. A member who turns ``min_age`` this year therefore waits
    until 1 January (or 31 December); nobody under age is ever let in.
    Edition minimum ages: FR 15, DE 16, CH 16, QC 14, UK 13, BE 13, MA 18,
    TN 18, DZ 19.

    Args:
        value: The raw form value: four digits (any script's decimal digits).
        min_age: The edition's minimum age for a member's own consent.
        today: The current date in the edition's time zone.

    Returns:
        ``(year, None)`` when accepted, else ``(year or None, message)``.
    """
    text = value.strip()
    if not _BIRTH_YEAR.fullmatch(text):
        return None, N_("Enter your year of birth as four digits, like 1990.")
    year = int(text)
    if year > today.year:
        return year, N_("The year of birth cannot be in the future.")
    if today.year - year > _MAX_AGE:
        return year, N_("Check your year of birth.")
    certain_age = today.year - year - (0 if (today.month, today.day) == (12, 31) else 1)
    if certain_age < min_age:
        return year, N_("You are not old enough to join this community on your own.")
    return year, None
