"""Groups tables: groups, memberships, threads, replies (with edit history), subscriptions, reports.

A thread's opening message is its first reply (``opening`` set), so every
message is edited, quoted, reported and moderated the same way.
"""

from __future__ import annotations

from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Group", "Membership", "Reply", "ReplyVersion", "Report", "Subscription", "Thread"]


class Group(Table, tablename="groups_group"):
    """A community on one edition, in one language, public or private.

    ``conditions`` holds ICD-10 codes (or code prefixes) the group is about,
    separated by spaces: members whose own conditions match see it among
    their suggestions.
    """

    id = Serial(primary_key=True)
    site = Varchar(length=8, index=True)
    slug = Varchar(length=80)
    group_key = Varchar(length=96, unique=True)
    language = Varchar(length=5)
    name = Varchar(length=120)
    description = Text(default="")
    visibility = Varchar(length=8, default="public")
    conditions = Varchar(length=200, default="")
    member_count = Integer(default=0)
    thread_count = Integer(default=0)
    created_at = Timestamptz()


class Membership(Table, tablename="groups_membership"):
    """A member in a group: ``status`` active, pending (join request) or removed; ``role`` member or moderator."""

    id = Serial(primary_key=True)
    group = ForeignKey(references=Group, on_delete=OnDelete.cascade, index=True)
    member = member_foreign_key()
    membership_key = Varchar(length=40, unique=True)
    status = Varchar(length=8, default="active")
    role = Varchar(length=10, default="member")
    created_at = Timestamptz()


class Thread(Table, tablename="groups_thread"):
    """A discussion in a group; pinned threads come first, locked ones take no reply."""

    id = Serial(primary_key=True)
    group = ForeignKey(references=Group, on_delete=OnDelete.cascade, index=True)
    author = member_foreign_key()
    title = Varchar(length=160)
    pinned = Boolean(default=False)
    locked = Boolean(default=False)
    reply_count = Integer(default=0)
    created_at = Timestamptz()
    last_activity_at = Timestamptz(index=True)


class Reply(Table, tablename="groups_reply"):
    """A message in a thread (Markdown), possibly quoting an earlier one."""

    id = Serial(primary_key=True)
    thread = ForeignKey(references=Thread, on_delete=OnDelete.cascade, index=True)
    author = member_foreign_key()
    body = Text()
    opening = Boolean(default=False)
    quote_id = Integer(null=True, default=None)
    created_at = Timestamptz()
    edited_at = Timestamptz(null=True, default=None)
    hidden = Boolean(default=False)


class ReplyVersion(Table, tablename="groups_reply_version"):
    """The text a message had before an edit."""

    id = Serial(primary_key=True)
    reply = ForeignKey(references=Reply, on_delete=OnDelete.cascade, index=True)
    body = Text()
    written_at = Timestamptz()


class Subscription(Table, tablename="groups_subscription"):
    """A member follows a thread: new replies notify them."""

    id = Serial(primary_key=True)
    thread = ForeignKey(references=Thread, on_delete=OnDelete.cascade, index=True)
    member = member_foreign_key()
    subscription_key = Varchar(length=40, unique=True)


class Report(Table, tablename="groups_report"):
    """A member reports a message; ``status`` open, then hidden, restored or dismissed."""

    id = Serial(primary_key=True)
    reporter = member_foreign_key()
    reply = ForeignKey(references=Reply, on_delete=OnDelete.cascade, index=True)
    group_id = Integer(index=True)
    site = Varchar(length=8)
    reason = Varchar(length=24)
    note = Varchar(length=500, default="")
    status = Varchar(length=12, default="open")
    report_key = Varchar(length=40, unique=True)
    created_at = Timestamptz()
    decided_at = Timestamptz(null=True, default=None)
