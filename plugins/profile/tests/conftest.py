"""Fixtures for the profile tests: signed-in members (English edition by default)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.testing import login, make_member


@pytest.fixture
def people(app: Any, client_for: Callable[..., Any]) -> Callable[..., tuple[int, Any]]:
    """``people("Alice")`` → (member id, client signed in as Alice on ``site``)."""

    def create(
        pseudonym: str, site: str = "uk", consents: tuple[str, ...] = ("core.terms", "core.health_data")
    ) -> tuple[int, Any]:
        email = f"{pseudonym.lower()}@example.org"
        member_id = make_member(app, email=email, pseudonym=pseudonym, site=site, consents=consents)
        client = client_for(site)
        login(client, email)
        return member_id, client

    return create
