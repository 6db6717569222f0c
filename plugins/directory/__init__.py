"""Directory of health professionals and partners near you.

Listings per edition (specialty from the country's coded list, phone checked
with ``phonenumbers``, accessibility, languages, hours), searched by keyword
near a place typed by the member or the browser's position, sorted by
distance (offline gazetteer from ``core.api``). Verified health
professionals claim or create their listing; operators verify listings and
moderate members' correction suggestions (audited).

Hooks implemented: register_routes, register_permissions, provide_nav_items,
provide_assets, provide_fragments (``me.privacy``), export_personal_data,
erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.directory.meta import META

__all__ = ["META"]
