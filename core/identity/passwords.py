"""Password hashing and the password policy (ASVS 4.0.3 V2.1, V2.4).

Hashing uses argon2id with the OWASP "m=19 MiB, t=2, p=1" profile so a login
costs tens of milliseconds and a few MiB on the reference 2-vCPU host, which
keeps offline cracking slow without letting a burst of logins exhaust RAM.

Passwords are NFKC-normalised before hashing and before any policy check, so
the same password typed on two keyboards (composed vs decomposed accents,
full-width digits) always matches. They are never truncated nor case-folded:
every code point the member typed counts (ASVS 2.1.3).

The policy has no composition rules (ASVS 2.1.9): only length bounds, a
common-password list and a check against the member's own identifiers.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import cache
from importlib import resources

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from core.i18n import N_

__all__ = [
    "MAX_PASSWORD_BYTES",
    "MIN_PASSWORD_CHARS",
    "RECOMMENDED_PASSWORD_CHARS",
    "check_password_policy",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

MIN_PASSWORD_CHARS = 12
"""Minimum length in code points after NFKC (ASVS 2.1.1)."""

RECOMMENDED_PASSWORD_CHARS = 15
"""Length the sign-up form recommends in its hint (ASVS 5.0 6.2.1)."""

MAX_PASSWORD_BYTES = 1024
"""Upper bound in UTF-8 bytes: generous for passphrases, bounded for CPU."""

# Identifiers shorter than this cannot be searched for inside a password
# without refusing half the dictionary (an e-mail local part may be "a").
_MIN_IDENTIFIER_CHARS = 3

_HASHER = PasswordHasher(
    time_cost=2,
    memory_cost=19_456,
    parallelism=1,
    hash_len=32,
    salt_len=16,
    type=Type.ID,
)


def _normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """Hash a password into an argon2id PHC string with a fresh 16-byte salt.

    The length cap is a policy rule, not enforced here: login code also hashes
    attacker-chosen input to keep timing uniform, and must not fail on it.

    Args:
        password: The password exactly as typed.

    Returns:
        A string such as ``$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>``.
    """
    return _HASHER.hash(_normalise(password))


def verify_password(hash: str, password: str) -> bool:
    """Tell whether ``password`` matches a stored hash, never raising.

    A malformed or foreign hash counts as a mismatch so that a corrupted row
    locks the account instead of crashing the login page.

    Args:
        hash: The stored PHC string (argument order follows argon2-cffi).
        password: The password exactly as typed.

    Returns:
        True only when the password matches.
    """
    try:
        return _HASHER.verify(hash, _normalise(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hash: str) -> bool:
    """Tell whether a hash was made with other parameters than today's.

    Call it after a successful login and store a fresh hash when True, so
    raising the cost later upgrades accounts as members come back.

    Args:
        hash: The stored PHC string.

    Returns:
        True when the parameters differ or the hash cannot be parsed.
    """
    try:
        return _HASHER.check_needs_rehash(hash)
    except (InvalidHashError, ValueError):
        return True


@cache
def _common_passwords() -> frozenset[str]:
    """Load the bundled list once; ~20k entries, about 1 MiB in memory."""
    data = resources.files("core.identity").joinpath("data/common-passwords.txt.gz")
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _identifiers(pseudonym: str, email: str) -> list[tuple[str, str]]:
    """The member's own identifiers, folded, paired with the refusal message."""
    found: list[tuple[str, str]] = []
    name = _normalise(pseudonym).strip().casefold()
    if name:
        found.append((name, N_("Your password must not contain your pseudonym.")))
    local = _normalise(email).strip().rpartition("@")[0].casefold()
    if local:
        found.append((local, N_("Your password must not contain your e-mail address.")))
    return found


def check_password_policy(password: str, *, pseudonym: str = "", email: str = "") -> list[str]:
    """List what is wrong with a new password; an empty list means accepted.

    Rules: at least 12 code points after NFKC (12 emoji are 12 characters),
    at most 1,024 UTF-8 bytes, not in the bundled common-password list
    (compared lower-cased, surrounding spaces ignored), and not equal to nor
    containing the pseudonym or the e-mail local part (case-insensitive;
    identifiers under 3 characters are only compared for equality).

    Args:
        password: The candidate password exactly as typed.
        pseudonym: The member's pseudonym, if known.
        email: The member's e-mail address, if known.

    Returns:
        Short English messages, usable as gettext msgids, most important first.
    """
    normalised = _normalise(password)
    problems: list[str] = []
    if len(normalised) < MIN_PASSWORD_CHARS:
        problems.append(N_("Use at least 12 characters."))
    if len(normalised.encode("utf-8")) > MAX_PASSWORD_BYTES:
        problems.append(N_("This password is too long."))
    if normalised.strip().lower() in _common_passwords():
        problems.append(N_("This password is too common. Choose another one."))
    folded = normalised.casefold()
    for ident, message in _identifiers(pseudonym, email):
        if folded == ident or (len(ident) >= _MIN_IDENTIFIER_CHARS and ident in folded):
            problems.append(message)
    return problems
