"""Private messages tables: conversations, participants, messages, reports."""

from __future__ import annotations

from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Conversation", "Message", "Participant", "Report"]


class Conversation(Table, tablename="messages_conversation"):
    """A conversation on one edition; ``is_group`` when started with more than one other member."""

    id = Serial(primary_key=True)
    site = Varchar(length=8, index=True)
    subject = Varchar(length=120, default="")
    is_group = Boolean(default=False)
    created_at = Timestamptz()
    last_message_at = Timestamptz(index=True)


class Participant(Table, tablename="messages_participant"):
    """A member in a conversation, with their read marker and unread count.

    When the member erases their account the row stays with ``member`` set to
    NULL and ``erased`` true, so the others see "deleted member".
    """

    id = Serial(primary_key=True)
    conversation = ForeignKey(references=Conversation, on_delete=OnDelete.cascade, index=True)
    member = member_foreign_key(null=True, set_null=True)
    erased = Boolean(default=False)
    joined_at = Timestamptz()
    last_read_id = Integer(default=0)
    unread = Integer(default=0)
    left_at = Timestamptz(null=True, default=None)


class Message(Table, tablename="messages_message"):
    """One message; deleted with its author's account, blanked when a moderator removes it."""

    id = Serial(primary_key=True)
    conversation = ForeignKey(references=Conversation, on_delete=OnDelete.cascade, index=True)
    sender = member_foreign_key()
    body = Text()
    created_at = Timestamptz()
    removed_at = Timestamptz(null=True, default=None)


class Report(Table, tablename="messages_report"):
    """A participant's report of a message: what lets moderators see that message (and only it)."""

    id = Serial(primary_key=True)
    message = ForeignKey(references=Message, on_delete=OnDelete.cascade, index=True)
    reporter = member_foreign_key()
    site = Varchar(length=8, index=True)
    reason = Varchar(length=32)
    note = Varchar(length=500, default="")
    created_at = Timestamptz()
    status = Varchar(length=16, default="open", index=True)
    resolved_at = Timestamptz(null=True, default=None)
