"""Login throttling per account and per client address.

Failures are rows in ``core_login_attempt`` so that every worker (and host,
on PostgreSQL) sees the same counts. Keys are hashed: no e-mail or address is
stored in clear for this purpose.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.tables import LoginAttempt

__all__ = [
    "RateLimit",
    "account_key",
    "clear",
    "ip_key",
    "is_blocked",
    "member_keys",
    "rate_limit",
    "record_failure",
    "reset_allowed",
    "reset_rate_limit",
    "signup_allowed",
]

IP_FACTOR = 5


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def account_key(email: str) -> str:
    return f"acct:{_digest(email.strip().lower())}"


def member_keys(email: str) -> list[str]:
    """Every throttling key derived from a member's e-mail (erased with the account)."""
    return [account_key(email), f"reset:{_digest(email.strip().lower())}"]


def ip_key(address: str) -> str:
    return f"ip:{_digest(address)}"


async def _count(key: str, since: datetime) -> int:
    return int(await LoginAttempt.count().where((LoginAttempt.key == key) & (LoginAttempt.created_at > since)))


async def is_blocked(email: str, address: str, *, limit: int, window: timedelta) -> bool:
    """Too many recent failures for this account, or for this address."""
    since = datetime.now(UTC) - window
    if await _count(account_key(email), since) >= limit:
        return True
    return await _count(ip_key(address), since) >= limit * IP_FACTOR


async def record_failure(email: str, address: str) -> None:
    now = datetime.now(UTC)
    await LoginAttempt.insert(
        LoginAttempt(key=account_key(email), created_at=now), LoginAttempt(key=ip_key(address), created_at=now)
    )


RESET_PER_ACCOUNT = 5
RESET_PER_ADDRESS = 20


async def reset_allowed(email: str, address: str) -> tuple[bool, bool]:
    """Password-reset budget (ASVS 11.1.4): (address under budget, account under budget).

    At most 5 reset e-mails per account and 20 requests per address an hour,
    so the form cannot be used to flood someone's mailbox.
    """
    since = datetime.now(UTC) - timedelta(hours=1)
    account = member_keys(email)[1]
    by_address = await _count(f"reset-ip:{_digest(address)}", since) < RESET_PER_ADDRESS
    by_account = await _count(account, since) < RESET_PER_ACCOUNT
    now = datetime.now(UTC)
    await LoginAttempt.insert(
        LoginAttempt(key=account, created_at=now), LoginAttempt(key=f"reset-ip:{_digest(address)}", created_at=now)
    )
    return by_address, by_account


SIGNUPS_PER_ADDRESS = 20


async def signup_allowed(address: str) -> bool:
    """Sign-up attempts per address and hour (ASVS 11.1.4 anti-automation)."""
    key = f"signup-ip:{_digest(address)}"
    if await _count(key, datetime.now(UTC) - timedelta(hours=1)) >= SIGNUPS_PER_ADDRESS:
        return False
    await LoginAttempt.insert(LoginAttempt(key=key, created_at=datetime.now(UTC)))
    return True


async def clear(email: str) -> None:
    """A successful login clears the account's failures (not the address's)."""
    await LoginAttempt.delete().where(LoginAttempt.key == account_key(email))


@dataclass(frozen=True)
class RateLimit:
    """Outcome of :func:`rate_limit`: allowed, or how long until the next attempt is."""

    allowed: bool
    retry_after: timedelta = timedelta(0)


def _budget_key(key: str) -> str:
    return f"budget:{_digest(key)}"


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
