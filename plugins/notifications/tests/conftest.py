"""Fixtures for the notifications tests: notifications plus a stand-in blocks plugin; Alice, Bob, Carol."""

from __future__ import annotations

import pytest
from fixture_plugins import blocks as blocks_plugin
from fixture_plugins.blocks import as_member, block, clear_blocks, people

__all__ = ["app", "as_member", "block", "clear_blocks", "people"]


@pytest.fixture
def app(make_app):
    return make_app(plugins=["notifications"], extra_plugins=[blocks_plugin])
