"""Notifications: what other plugins tell a member about, in one list with a live badge.

Any event may carry ``payload["notify"]``: a list of ``{"member_id",
"kind", "actor_id", "url", "msgid", "params"}`` entries (see
docs/plugins.md). This plugin stores them for the recipients (never for the
actor, never across a block, only on the recipient's edition), shows them at
``/notifications/`` translated at render time (``%(actor)s`` becomes the
actor's pseudonym, or "deleted member"), and sends e-mail digests through
the kernel's outbox for the kinds a member chose (off by default):
``entraide notifications digest`` (run it from cron, e.g. daily).

Hooks implemented: register_routes, register_cli_commands, handle_event,
provide_nav_items, provide_assets, provide_fragments (``me.privacy``),
export_personal_data, erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.notifications.meta import META

__all__ = ["META"]
