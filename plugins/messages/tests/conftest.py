"""Fixtures for the messages tests: an app with a stand-in blocks plugin, three members."""

from __future__ import annotations

import messages_blocks_plugin
import pytest

from core.testing import login, make_member

BLOCKS = messages_blocks_plugin.BLOCKS


@pytest.fixture(autouse=True)
def _no_blocks():
    BLOCKS.clear()
    yield
    BLOCKS.clear()


@pytest.fixture
def block():
    def add(a: int, b: int) -> None:
        BLOCKS.add(frozenset({a, b}))

    return add


@pytest.fixture
def app(make_app):
    return make_app(plugins=["messages"], extra_plugins=[messages_blocks_plugin])


@pytest.fixture
def people(app):
    return {
        "alice": make_member(app, email="alice@example.org", pseudonym="Alice"),
        "bob": make_member(app, email="bob@example.org", pseudonym="Bob"),
        "carol": make_member(app, email="carol@example.org", pseudonym="Carol"),
    }


@pytest.fixture
def as_member(client_for):
    """``as_member("bob")`` → a logged-in client on fr (``site=`` for another edition)."""

    def factory(name: str, site: str = "fr"):
        client = client_for(site)
        login(client, f"{name}@example.org")
        return client

    return factory
