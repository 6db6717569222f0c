"""Notifications tables: one row per notification, one per (member, kind) preference."""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Notification", "Preference"]


class Notification(Table, tablename="notifications_notification"):
    """Something that happened to a member; the text is translated when shown.

    ``shown`` is false when the member turned the kind off in the site but
    kept its e-mail digest; ``email_due`` marks what the next digest sends.
    The actor stays NULL after they erase their account ("deleted member").
    """

    id = Serial(primary_key=True)
    member = member_foreign_key()
    site = Varchar(length=8)
    kind = Varchar(length=64, index=True)
    actor = member_foreign_key(null=True, set_null=True, index=False)
    url = Varchar(length=300)
    msgid = Varchar(length=300)
    params = JSON(default="{}")
    created_at = Timestamptz(index=True)
    read_at = Timestamptz(null=True, default=None)
    shown = Boolean(default=True)
    email_due = Boolean(default=False, index=True)
    emailed_at = Timestamptz(null=True, default=None)


class Preference(Table, tablename="notifications_preference"):
    """A member's choice for one kind (absent: in the site yes, e-mail digest no)."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    kind = Varchar(length=64)
    pref_key = Varchar(length=80, unique=True)
    in_site = Boolean(default=True)
    email = Boolean(default=False)
