"""A tiny plugin exercising routes, nav, fragments, events and permissions."""

from __future__ import annotations

from fixture_plugins.greeter.meta import META

__all__ = ["META"]
