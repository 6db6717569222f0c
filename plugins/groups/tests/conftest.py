"""Groups test fixtures: the groups plugin with a stand-in friends/profile plugin, and members.

Alice moderates "Anxiété" (public) and "Aidants" (private), both on the French
edition; Bob is a member of both; Carol of neither; Ulla is on the uk edition;
Modo is a moderator of the French edition. Clients log in on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from fixture_plugins import event_sink, fake_social

from core.testing import login, make_member, run_async
from plugins.groups import services

SITES = {"alice": "fr", "bob": "fr", "carol": "fr", "ulla": "uk", "modo": "fr"}


@dataclass
class World:
    app: Any
    ids: dict[str, int]
    public: int
    private: int
    client_for: Any
    clients: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        if name not in self.clients:
            self.clients[name] = self.client_for(SITES[name], self.app)
            login(self.clients[name], f"{name}@example.org")
        return self.clients[name]

    def __getattr__(self, name: str) -> int:
        if name in SITES:
            return self.ids[name]
        raise AttributeError(name)


async def _join(group_id: int, member_id: int, role: str = "member") -> None:
    await services.join({"id": group_id, "visibility": "public"}, member_id, role=role)


@pytest.fixture
def world(make_app, client_for) -> World:
    fake_social.reset()
    event_sink.EVENTS.clear()
    app = make_app(plugins=["groups"], extra_plugins=[fake_social, event_sink])
    ids = {
        name: make_member(
            app,
            email=f"{name}@example.org",
            pseudonym=name.title(),
            site=site,
            role="moderator" if name == "modo" else "member",
        )
        for name, site in SITES.items()
    }
    public = run_async(app, services.create_group("fr", "anxiete", "Anxiété", "fr", conditions=["F41"]))
    private = run_async(app, services.create_group("fr", "aidants", "Aidants", "fr", visibility="private"))
    for group in (public, private):
        run_async(app, _join(group, ids["alice"], "moderator"))
        run_async(app, _join(group, ids["bob"]))
    return World(app, ids, public, private, client_for)
