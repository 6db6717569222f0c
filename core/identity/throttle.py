"""Budgets per account and per client address (reset, sign-up, business flows).

Attempts are rows in ``core_login_attempt`` so that every worker (and host,
on PostgreSQL) sees the same counts. Keys are hashed: no e-mail or address is
stored in clear for this purpose. Login itself uses growing delays
(:mod:`core.identity.backoff`) on the same table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.tables import LoginAttempt

__all__ = [
    "RateLimit",
    "account_key",
    "digest",
    "ip_key",
    "member_keys",
    "member_prefix",
    "rate_limit",
    "reset_allowed",
    "reset_rate_limit",
    "signup_allowed",
    "signup_notice_key",
]


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def account_key(email: str) -> str:
    return f"acct:{digest(email.strip().lower())}"


def member_keys(email: str) -> list[str]:
    """Every throttling key derived from a member's e-mail (erased with the account).

    Keys for one of the member's addresses start with :func:`member_prefix`.
    """
    return [account_key(email), f"reset:{digest(email.strip().lower())}", _budget_key(signup_notice_key(email))]


def signup_notice_key(email: str) -> str:
    """Budget of "someone tried to sign up with your address" notices for one address."""
    return f"core.signup-notice:{email.strip().lower()}"


def member_prefix(email: str) -> str:
    """Prefix of the keys pairing the member's account with an address (known devices)."""
    return f"known:{digest(email.strip().lower())}:"


def ip_key(address: str) -> str:
    return f"ip:{digest(address)}"


async def _count(key: str, since: datetime) -> int:
    return int(await LoginAttempt.count().where((LoginAttempt.key == key) & (LoginAttempt.created_at > since)))


RESET_PER_ACCOUNT = 5
RESET_PER_ADDRESS = 20


async def reset_allowed(email: str, address: str) -> tuple[bool, bool]:
    """Password-reset budget (ASVS 11.1.4): (address under budget, account under budget).

    At most 5 reset e-mails per account and 20 requests per address an hour,
    so the form cannot be used to flood someone's mailbox.
    """
    since = datetime.now(UTC) - timedelta(hours=1)
    account = member_keys(email)[1]
    by_address = await _count(f"reset-ip:{digest(address)}", since) < RESET_PER_ADDRESS
    by_account = await _count(account, since) < RESET_PER_ACCOUNT
    now = datetime.now(UTC)
    await LoginAttempt.insert(
        LoginAttempt(key=account, created_at=now), LoginAttempt(key=f"reset-ip:{digest(address)}", created_at=now)
    )
    return by_address, by_account


SIGNUPS_PER_ADDRESS = 20


async def signup_allowed(address: str) -> bool:
    """Sign-up attempts per address and hour (ASVS 11.1.4 anti-automation)."""
    key = f"signup-ip:{digest(address)}"
    if await _count(key, datetime.now(UTC) - timedelta(hours=1)) >= SIGNUPS_PER_ADDRESS:
        return False
    await LoginAttempt.insert(LoginAttempt(key=key, created_at=datetime.now(UTC)))
    return True


@dataclass(frozen=True)
class RateLimit:
    """Outcome of :func:`rate_limit`: allowed, or how long until the next attempt is."""

    allowed: bool
    retry_after: timedelta = timedelta(0)


def _budget_key(key: str) -> str:
    return f"budget:{digest(key)}"


async def rate_limit(key: str, *, limit: int, window: timedelta) -> RateLimit:
    """Spend one unit of a business-flow budget (e.g. new conversations per member and hour).

    Same table as login throttling, so every worker and host shares the counts;
    the key is hashed (no member id stored in clear). An attempt over budget is
    not recorded, so waiting ``retry_after`` is always enough.

    Args:
        key: What is budgeted, namespaced by plugin, e.g. ``"messages.new:12"``.
        limit: Attempts allowed within ``window``.
        window: Sliding window.
    """
    now = datetime.now(UTC)
    hashed = _budget_key(key)
    recent = (
        await LoginAttempt.select(LoginAttempt.created_at)
        .where((LoginAttempt.key == hashed) & (LoginAttempt.created_at > now - window))
        .order_by(LoginAttempt.created_at)
    )
    if len(recent) >= limit:
        oldest = recent[len(recent) - limit]["created_at"]
        return RateLimit(False, max(oldest + window - now, timedelta(seconds=1)))
    await LoginAttempt.insert(LoginAttempt(key=hashed, created_at=now))
    return RateLimit(True)


async def reset_rate_limit(key: str) -> None:
    """Forget a budget's attempts (member erasure, tests)."""
    await LoginAttempt.delete().where(LoginAttempt.key == _budget_key(key))
