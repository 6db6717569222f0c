"""Login throttling: growing delays per address and per account; the owner is never locked out."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from litestar.testing import TestClient

from core.identity import backoff
from core.tables import LoginAttempt
from core.testing import make_member, post_form, run_async

GOOD = {"email": "alice@example.org", "password": "entraide-demo-2026"}
BAD = {"email": "alice@example.org", "password": "a wrong password"}


def from_address(app, address):
    """The app as seen through a server that reports ``address`` as the peer."""

    async def asgi(scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            scope["client"] = (address, 40000)
        await app(scope, receive, send)

    return asgi


@contextlib.contextmanager
def clients(app, *addresses):
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(TestClient(from_address(app, a), base_url="http://fr.localhost")) for a in addresses]


def age_failures(app, seconds):
    """Pretend the recorded failures happened ``seconds`` earlier."""
    rows = run_async(app, LoginAttempt.select())
    for row in rows:
        moved = row["created_at"] - timedelta(seconds=seconds)
        run_async(app, LoginAttempt.update({LoginAttempt.created_at: moved}).where(LoginAttempt.id == row["id"]))


def test_guessing_address_gets_growing_delays_while_owner_signs_in_elsewhere(app):
    make_member(app, email="alice@example.org")
    with clients(app, "203.0.113.66", "198.51.100.7") as (attacker, owner):
        for _ in range(5):
            assert post_form(attacker, "/login", BAD).status_code == 400
        waits = []
        for _ in range(3):
            blocked = post_form(attacker, "/login", GOOD)  # even the right password is not tried
            assert blocked.status_code == 429
            assert "Réessayez dans" in blocked.text
            waits.append(int(blocked.headers["retry-after"]))
            age_failures(app, waits[-1])
            assert post_form(attacker, "/login", BAD).status_code == 400
        assert waits == [1, 2, 4]
        assert post_form(attacker, "/login", BAD).status_code == 429
        assert post_form(owner, "/login", GOOD).status_code == 303


def test_distributed_guessing_slows_the_account_but_not_from_the_owners_known_address(app):
    make_member(app, email="alice@example.org")
    with clients(app, "198.51.100.7", "192.0.2.44") as (home, new_place):
        assert post_form(home, "/login", GOOD).status_code == 303  # the owner's usual address
        for i in range(12):  # one failure each from many addresses
            run_async(app, backoff.record_failure("alice@example.org", f"203.0.113.{i}"))
        slowed = post_form(new_place, "/login", GOOD)
        assert slowed.status_code == 429 and int(slowed.headers["retry-after"]) <= 4
        home.cookies.clear()
        assert post_form(home, "/login", GOOD).status_code == 303


def test_forwarded_headers_count_only_from_trusted_proxies(make_app):
    app = make_app(trusted_proxies=["10.0.0.0/8"])
    make_member(app, email="alice@example.org")
    with clients(app, "10.1.2.3", "203.0.113.9") as (proxy, direct):
        for _ in range(5):
            post_form(proxy, "/login", BAD, headers={"x-forwarded-for": "203.0.113.66, 10.9.9.9"})
        guessing = {"x-forwarded-for": "203.0.113.66"}
        assert post_form(proxy, "/login", BAD, headers=guessing).status_code == 429
        assert post_form(proxy, "/login", GOOD, headers={"forwarded": 'for="198.51.100.7"'}).status_code == 303
        for _ in range(5):
            post_form(direct, "/login", BAD, headers={"x-forwarded-for": "192.0.2.1"})
        # an untrusted peer cannot pick a fresh address per attempt
        assert post_form(direct, "/login", BAD, headers={"x-forwarded-for": "192.0.2.2"}).status_code == 429
