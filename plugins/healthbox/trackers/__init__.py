"""The six built-in Health Box trackers, declared with the public ``core.trackers`` API.

Built-ins use the same declarations a third-party tracker plugin would, so the
Health Box has no private path for its own trackers.
"""

from __future__ import annotations

from core.api import Tracker
from plugins.healthbox.trackers import activity, feeling, food, sleep, tobacco, weight

__all__ = ["BUILTIN_TRACKERS"]

BUILTIN_TRACKERS: tuple[Tracker, ...] = (
    weight.TRACKER,
    feeling.TRACKER,
    sleep.TRACKER,
    tobacco.TRACKER,
    food.TRACKER,
    activity.TRACKER,
)
