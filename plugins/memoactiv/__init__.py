"""MémoActiv: short memory and attention exercises and long-term tracking of one's own results.

Seven exercises (word-list learning and delayed recall, digit span forward and
backward, 1-/2-back, simple and choice reaction time, Stroop) run in the
browser from a plan the server issues; the server checks and scores the
trial data, keeps every run, and records weekly check-ins in the Health Box
through ``core.api.record_entry``. Change is shown against the member's own
baseline with a practice-adjusted reliable-change index (reference sheet §7).

Hooks implemented: register_routes, register_tracker_types, provide_nav_items,
provide_assets, provide_fragments (``home.main``, ``me.privacy``),
export_personal_data, erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.memoactiv.meta import META

__all__ = ["META"]
