"""Login throttling with growing delays, without locking the owner out.

A fixed lock ("10 failures lock the account for 15 minutes") lets anyone
lock anyone out. Instead every failure makes the *next* attempt wait longer:

- **per address**: after ``free`` failures from one client address, its next
  attempt must wait 1 s, then 2 s, 4 s … up to ``cap`` after its last
  failure; attempts during the wait get 429 and are not counted. The
  guessing address is slowed whatever account it tries.
- **per account**: after ``account_free`` failures on one account (from any
  address), attempts on it wait the same way, except from an address the
  owner has signed in from before. A distributed guesser is slowed to one
  try per delay while the owner, from a known address, is never held up; from
  a new address the owner waits at most the current delay.

Counts look back over ``window``. Rows live in ``core_login_attempt`` (shared
by every worker and host) under hashed keys.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from core.identity.throttle import account_key, digest, ip_key, member_prefix
from core.tables import LoginAttempt

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = ["LoginPolicy", "clear", "login_wait", "record_failure", "remember", "retry_after"]

KNOWN_FOR = timedelta(days=90)


@dataclass(frozen=True)
class LoginPolicy:
    """Thresholds, from settings (``ENTRAIDE_LOGIN_*``)."""

    free: int = 5
    account_free: int = 10
    window: timedelta = timedelta(hours=1)
    cap: timedelta = timedelta(minutes=15)

    @classmethod
    def of(cls, settings: Settings) -> LoginPolicy:
        return cls(
            free=settings.login_free_failures,
            account_free=settings.login_max_failures,
            window=timedelta(minutes=settings.login_window_minutes),
            cap=timedelta(minutes=settings.login_max_delay_minutes),
        )

    def delay(self, failures: int, free: int) -> timedelta:
        """How long after the last failure the next attempt must wait."""
        if failures < free:
            return timedelta(0)
        exponent = min(failures - free, 40)
        return min(timedelta(seconds=2**exponent), self.cap)


def _known_key(email: str, address: str) -> str:
    # 47-character member prefix + 24 hex digits of the address: fits the 80-character
    # key column (PostgreSQL enforces it; SQLite does not, which hid an overflow).
    return f"{member_prefix(email)}{digest(address)[:24]}"


async def _failures(key: str, since: datetime) -> tuple[int, datetime | None]:
    rows = await LoginAttempt.select(LoginAttempt.created_at).where(
        (LoginAttempt.key == key) & (LoginAttempt.created_at > since)
    )
    return len(rows), max((r["created_at"] for r in rows), default=None)


def _remaining(policy: LoginPolicy, count: int, last: datetime | None, free: int, now: datetime) -> timedelta:
    if last is None:
        return timedelta(0)
    return max(last + policy.delay(count, free) - now, timedelta(0))


async def login_wait(email: str, address: str, policy: LoginPolicy) -> timedelta:
    """How long this address must still wait before trying this account (0: go ahead)."""
    now = datetime.now(UTC)
    since = now - policy.window
    count, last = await _failures(ip_key(address), since)
    wait = _remaining(policy, count, last, policy.free, now)
    count, last = await _failures(account_key(email), since)
    account_wait = _remaining(policy, count, last, policy.account_free, now)
    if account_wait > wait and not await _is_known(email, address, now):
        wait = account_wait
    return wait


def retry_after(wait: timedelta) -> int:
    """Whole seconds for the ``Retry-After`` header (at least 1)."""
    return max(1, math.ceil(wait.total_seconds()))


async def record_failure(email: str, address: str) -> None:
    now = datetime.now(UTC)
    await LoginAttempt.insert(
        LoginAttempt(key=account_key(email), created_at=now), LoginAttempt(key=ip_key(address), created_at=now)
    )


async def _is_known(email: str, address: str, now: datetime) -> bool:
    key = _known_key(email, address)
    recent = (LoginAttempt.key == key) & (LoginAttempt.created_at > now - KNOWN_FOR)
    return bool(await LoginAttempt.exists().where(recent))


async def remember(email: str, address: str) -> None:
    """The owner signed in from this address: account delays no longer apply to it."""
    key = _known_key(email, address)
    await LoginAttempt.delete().where(LoginAttempt.key == key)
    await LoginAttempt.insert(LoginAttempt(key=key, created_at=datetime.now(UTC)))


async def clear(email: str) -> None:
    """A successful login clears the account's failures (not the address's)."""
    await LoginAttempt.delete().where(LoginAttempt.key == account_key(email))
