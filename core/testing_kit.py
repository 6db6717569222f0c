"""More of the test kit: signed-in members, consents, the outbox, the plugin contract.

Re-exported by :mod:`core.testing`, which the ``entraide`` distribution
registers as a pytest plugin (entry point group ``pytest11``): an outside
plugin's tests get every fixture with plain ``pytest``, no conftest needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

__all__ = [
    "Email",
    "SignedIn",
    "assert_plugin_contract",
    "grant_consent",
    "outbox",
    "signed_in",
    "withdraw_consent",
]


@dataclass(frozen=True)
class SignedIn:
    """A logged-in client and the member behind it."""

    client: TestClient[Any]
    member_id: int


@dataclass(frozen=True)
class Email:
    """One message the application sent (to the outbox)."""

    to: str
    subject: str
    body: str


def _change_consent(app: Litestar, member_id: int, purpose: str, action: str, site: str) -> None:
    from core import consent
    from core.testing import run_async

    rt = app.state.entraide
    edition = rt.site(site)
    run_async(
        app,
        consent.record(member_id, rt.purposes[purpose], action, site=edition, language=edition.locale, channel="test"),
    )


def grant_consent(app: Litestar, member_id: int, purpose: str, *, site: str = "fr") -> None:
    """Record a grant in the consent ledger, as the consents page would."""
    _change_consent(app, member_id, purpose, "grant", site)


def withdraw_consent(app: Litestar, member_id: int, purpose: str, *, site: str = "fr") -> None:
    """Record a withdrawal in the consent ledger (one click on the consents page)."""
    _change_consent(app, member_id, purpose, "withdraw", site)


@pytest.fixture
def signed_in(app: Litestar, client_for: Callable[..., TestClient[Any]]) -> Callable[..., SignedIn]:
    """``signed_in(site="fr", app=None, **member)``: a new member and a client logged in as them.

    ``member`` takes :func:`core.testing.make_member`'s keywords (email,
    pseudonym, role, consents...); each call makes a distinct member.
    """
    from core.testing import login, make_member

    count = [0]

    def factory(site: str = "fr", app: Litestar | None = None, **member: Any) -> SignedIn:
        target = app or default_app
        count[0] += 1
        member.setdefault("email", f"member{count[0]}@example.org")
        member.setdefault("pseudonym", f"Member {count[0]}")
        member_id = make_member(target, site=site, **member)
        client = client_for(site, target)
        login(client, member["email"])
        return SignedIn(client, member_id)

    default_app = app
    return factory


@pytest.fixture
def outbox(app: Litestar) -> Callable[..., list[Email]]:
    """``outbox(to=None)``: e-mails the application sent in this test, oldest first."""
    from core.tables import OutboxEmail
    from core.testing import run_async

    def read(to: str | None = None) -> list[Email]:
        query = OutboxEmail.select(OutboxEmail.to_email, OutboxEmail.subject, OutboxEmail.body).order_by(OutboxEmail.id)
        if to is not None:
            query = query.where(OutboxEmail.to_email == to)
        return [Email(r["to_email"], r["subject"], r["body"]) for r in run_async(app, query)]

    return read


def assert_plugin_contract(plugin: ModuleType, app: Litestar) -> None:
    """Fail with every broken contract rule of ``plugin`` (see :func:`core.contract.check_plugin`).

    Example (in an outside plugin's tests, with plain ``pytest``)::

        import entraide_hydration

        def test_contract(make_app):
            assert_plugin_contract(entraide_hydration, make_app())
    """
    from core.contract import check_plugin

    problems = check_plugin(plugin, app)
    assert not problems, "plugin contract broken:\n" + "\n".join(f"- {p}" for p in problems)
