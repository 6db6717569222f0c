"""Health Box: the member's private daily health record.

A tracker SDK (declarations in :mod:`core.trackers`, engine in ``sdk/``) and
six built-in trackers (weight, feeling, sleep, tobacco, food, activity).
Other plugins add trackers through the ``register_tracker_types`` hook.

Hooks implemented: register_routes, register_tracker_types,
provide_nav_items, provide_fragments (``home.main``), export_personal_data,
erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.healthbox.meta import META

__all__ = ["META"]
