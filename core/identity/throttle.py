"""Login throttling per account and per client address.

Failures are rows in ``core_login_attempt`` so that every worker (and host,
on PostgreSQL) sees the same counts. Keys are hashed: no e-mail or address is
stored in clear for this purpose.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from core.tables import LoginAttempt

__all__ = ["account_key", "clear", "ip_key", "is_blocked", "record_failure"]

IP_FACTOR = 5


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def account_key(email: str) -> str:
    return f"acct:{_digest(email.strip().lower())}"


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


async def clear(email: str) -> None:
    """A successful login clears the account's failures (not the address's)."""
    await LoginAttempt.delete().where(LoginAttempt.key == account_key(email))
