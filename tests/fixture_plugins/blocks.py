"""Stand-in for the friends plugin's blocks: answers ``friends.blocked`` (either direction) from ``BLOCKS``.

Also the fixtures community plugin tests share (import them into a conftest):
``block(a, b)``, ``people`` (Alice, Bob and Carol on fr) and ``as_member(name)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.api import PluginMeta, hookimpl
from core.testing import login, make_member

META = PluginMeta(slug="blocks", name="Blocks (test)", version="0.1.0")
BLOCKS: set[frozenset[int]] = set()


@hookimpl
def resolve_related(relation: str, member_id: int, site: str) -> list[int] | None:
    if relation != "friends.blocked":
        return None
    return sorted(next(iter(pair - {member_id})) for pair in BLOCKS if member_id in pair)


@pytest.fixture(autouse=True)
def clear_blocks() -> Iterator[None]:
    BLOCKS.clear()
    yield
    BLOCKS.clear()


@pytest.fixture
def block() -> Callable[[int, int], None]:
    def add(a: int, b: int) -> None:
        BLOCKS.add(frozenset({a, b}))

    return add


@pytest.fixture
def people(app: Any) -> dict[str, int]:
    return {
        name: make_member(app, email=f"{name}@example.org", pseudonym=name.capitalize())
        for name in ("alice", "bob", "carol")
    }


@pytest.fixture
def as_member(client_for: Any) -> Callable[..., Any]:
    """``as_member("bob")`` → a logged-in client on fr (``site=`` for another edition)."""

    def factory(name: str, site: str = "fr") -> Any:
        client = client_for(site)
        login(client, f"{name}@example.org")
        return client

    return factory
