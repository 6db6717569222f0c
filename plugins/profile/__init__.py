"""Profile: a member's health profile (coded conditions and symptoms, treatments, bio).

Conditions and symptoms come from a curated ICD-10 vocabulary with French,
English and German labels (``data/vocabulary.json``, sources and licences
inside); search tolerates accents, case and small typos. Every item has its
own visibility (only me / my friends / all members, default only me). Health
fields need the ``core.health_data`` consent. Other plugins learn what a
member made public through the ``profile.conditions.changed`` event (never
by importing this package), and a member's own codes through
``core.api.related(request, "profile.conditions", member_id)``.

Hooks implemented: register_routes, register_cli_commands, provide_nav_items,
provide_assets, provide_fragments (``me.privacy``, ``home.main``),
resolve_related, handle_event (``core.consent.changed``,
``core.member.erased``), export_personal_data, erase_personal_data,
seed_demo_data.
"""

from __future__ import annotations

from plugins.profile.meta import META

__all__ = ["META"]
