"""Studies: anonymous, consented aggregates for partner laboratories (``/studies/``).

A partner (role ``partner``) defines a study; an operator approves or
rejects it (audited). Members of the edition who granted
``core.partner_studies`` see approved studies and join one with its own
consent text (version kept with their participation); they can leave at
any time. The partner only ever gets aggregates by age band and sex, with
small cells suppressed (:mod:`plugins.studies.stats`), as a page or a CSV,
and each extract is disclosed to the members it counted.

Hooks implemented: register_routes, register_permissions,
provide_nav_items, provide_fragments (``partners.main``, ``me.privacy``),
export_personal_data, erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.studies.meta import META

__all__ = ["META"]
