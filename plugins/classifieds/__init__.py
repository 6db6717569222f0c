"""Classifieds: members' ads for equipment, books and services.

Kinds (rent, sell, give, looking for) and categories, prices in the
edition's currency, a place from the offline gazetteer, up to five photos
(re-encoded by ``core.api.process_image``), 30-day expiry renewable, search
with filters, "my ads", contact without e-mail (private messages when that
plugin is enabled, else a form relayed by the kernel's outbox), reports,
moderation and the edition's forbidden items refused at posting.

Hooks implemented: register_routes, register_permissions, provide_nav_items,
provide_assets, provide_fragments (``me.privacy``), export_personal_data,
erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.classifieds.meta import META

__all__ = ["META"]
