"""Private messages: one-to-one and group conversations (at most 20 participants).

Only participants read a conversation (everyone else gets 404, operators
included); a moderator sees a message only when a participant reported it.
Blocks decided by another plugin (``friends.blocked`` through
``core.api.related``) hide one-to-one conversations both ways and the
blocked member's messages in groups. New messages reach open pages live
through ``core.api.publish`` and the ``/live`` stream. Other plugins open
a conversation by linking to ``/messages/new?to=<pseudonym>&subject=…``.

Hooks implemented: register_routes, register_permissions, provide_nav_items,
provide_assets, provide_fragments (``me.privacy``), handle_event,
export_personal_data, erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.messages.meta import META

__all__ = ["META"]
