"""Every throttle key fits core_login_attempt.key (PostgreSQL refuses longer values; SQLite does not)."""

from __future__ import annotations

from core.identity import backoff, throttle
from core.tables import LoginAttempt


def test_throttle_keys_fit_the_column():
    email = "a" * 64 + "@" + "b" * 185 + ".test"  # 254 characters, the longest address
    address = "2001:0db8:85a3:0000:0000:8a2e:0370:7334"
    keys = [
        throttle.account_key(email),
        *throttle.member_keys(email),  # includes the hashed sign-up notice budget key
        throttle.ip_key(address),
        backoff._known_key(email, address),
    ]
    limit = LoginAttempt.key.length
    assert all(len(k) <= limit for k in keys), [(k, len(k)) for k in keys if len(k) > limit]
    assert backoff._known_key(email, address).startswith(throttle.member_prefix(email))  # erasure deletes by prefix
