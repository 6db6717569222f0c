"""Groups: communities by topic or condition, with discussion threads and moderation.

Each group belongs to one edition and has a language; it is public (every
member of the edition reads it, members post) or private (join requests
approved by its moderators; threads are a 404 for non-members). Threads hold
Markdown messages that may quote one another; moderators pin and lock them;
members follow them. Reports feed a moderation queue, three reports hide a
message pending review, and decisions go to core's audit log.

Other plugins ask through ``core.api``: permissions ``groups.read`` and
``groups.post`` (object: a group id), relations ``groups.memberships`` (ids
of the member's groups) and ``groups.postable`` (``{"id", "name"}`` of the
groups the member may post in). Suggestions come from the ``profile.conditions``
relation when a profile plugin answers it.

Hooks implemented: register_routes, register_permissions, resolve_permission,
resolve_related, provide_nav_items, provide_assets, provide_fragments
(``me.privacy``), export_personal_data, erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.groups.meta import META

__all__ = ["META"]
