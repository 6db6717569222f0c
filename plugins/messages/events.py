"""Events this plugin emits (other plugins react through ``handle_event``).

- ``messages.conversation.started``: payload ``{"conversation_id", "message_id",
  "notify": [...]}`` — one notify entry per recipient (kind
  ``messages.conversation``), so a notifications plugin can list it and send
  it in e-mail digests.
- ``messages.message.sent``: payload ``{"conversation_id", "message_id"}``
  (no notify: the unread badge already counts messages).

Payloads carry ids only, never message text.
"""

from __future__ import annotations

from core.api import N_, Event

__all__ = ["conversation_started", "message_sent"]

STARTED_MSGID = N_("%(actor)s started a conversation with you")


def conversation_started(
    site: str, sender_id: int, conversation_id: int, message_id: int, recipient_ids: list[int]
) -> Event:
    notify = [
        {
            "member_id": recipient,
            "kind": "messages.conversation",
            "actor_id": sender_id,
            "url": f"/messages/{conversation_id}",
            "msgid": STARTED_MSGID,
            "params": {},
        }
        for recipient in recipient_ids
    ]
    return Event(
        name="messages.conversation.started",
        site=site,
        member_id=sender_id,
        payload={"conversation_id": conversation_id, "message_id": message_id, "notify": notify},
    )


def message_sent(site: str, sender_id: int, conversation_id: int, message_id: int) -> Event:
    return Event(
        name="messages.message.sent",
        site=site,
        member_id=sender_id,
        payload={"conversation_id": conversation_id, "message_id": message_id},
    )
