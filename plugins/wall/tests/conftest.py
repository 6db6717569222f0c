"""Wall test fixtures: the wall with stand-in friends and groups plugins, and four members.

Alice and Bob are friends; Carol is another member of the French edition;
Ulla is a member of the uk edition. Each has a logged-in client.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import pytest
from fixture_plugins import event_sink, fake_social
from PIL import Image

from core.testing import login, make_member

SITES = {"alice": "fr", "bob": "fr", "carol": "fr", "ulla": "uk"}


@dataclass
class World:
    app: Any
    alice: int
    bob: int
    carol: int
    ulla: int
    client_for: Any
    clients: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        """The member's logged-in client, logged in on first use (logins are the slow part)."""
        if name not in self.clients:
            self.clients[name] = self.client_for(SITES[name], self.app)
            login(self.clients[name], f"{name}@example.org")
        return self.clients[name]


@pytest.fixture
def world(make_app, client_for) -> World:
    fake_social.reset()
    event_sink.EVENTS.clear()
    app = make_app(plugins=["wall"], extra_plugins=[fake_social, event_sink])
    ids = {
        name: make_member(app, email=f"{name}@example.org", pseudonym=name.title(), site=site)
        for name, site in SITES.items()
    }
    fake_social.befriend(ids["alice"], ids["bob"])
    return World(app, ids["alice"], ids["bob"], ids["carol"], ids["ulla"], client_for)


def make_picture(fmt: str = "JPEG", size: tuple[int, int] = (800, 600), colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def picture():
    """``picture(fmt="PNG", size=(w, h))``: the bytes of a generated image."""
    return make_picture
