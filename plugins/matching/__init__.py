"""Matching: "members like me", ranked by what members made visible to all members.

Its own index (``matching_entry``) is fed by the profile feature's
``profile.conditions.changed`` events, never by reading another plugin's
tables: only the items a member opened to all members, and only while the
member grants both ``core.health_data`` and this plugin's own consent
``matching.findable`` (off by default, one click on the page). Ranking is a
weighted overlap: the same condition (ICD-10 category) weighs 10, the same
family (ICD-10 block) 3, the same symptom 1. Community counts per condition
show "fewer than 10" for any count under 10, in HTML, JSON and CSV.

Hooks implemented: register_routes, register_consent_purposes,
register_cli_commands, provide_nav_items, provide_assets, provide_fragments
(``profile.condition``, ``me.privacy``), resolve_related
(``matching.similar``), handle_event, export_personal_data,
erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.matching.meta import META

__all__ = ["META"]
