"""Fixtures for the matching tests: members with public profiles, signed in (English edition)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.testing import login, make_member, post_form

ALL = ("core.terms", "core.health_data", "matching.findable")


@pytest.fixture
def person(app: Any, client_for: Callable[..., Any]) -> Callable[..., tuple[int, Any]]:
    """``person("Alice", conditions={"J45": "members"}, symptoms={...})`` → (id, signed-in client).

    Items are added through the profile pages, so the index fills through the
    real event path.
    """

    def create(
        pseudonym: str,
        *,
        conditions: dict[str, str] | None = None,
        symptoms: dict[str, str] | None = None,
        site: str = "uk",
        consents: tuple[str, ...] = ALL,
    ) -> tuple[int, Any]:
        email = f"{pseudonym.lower()}@example.org"
        member_id = make_member(app, email=email, pseudonym=pseudonym, site=site, consents=consents)
        client = client_for(site)
        login(client, email)
        for kind, items in (("conditions", conditions or {}), ("symptoms", symptoms or {})):
            for code, visibility in items.items():
                response = post_form(client, f"/profile/me/{kind}/add", {"code": code, "visibility": visibility})
                assert response.status_code == 303, response.text[:500]
        return member_id, client

    return create
