"""Core tables: members, sessions, consent ledger, sites' plugins, audit.

Plugins reference members through ``member_id`` integer columns (or a
foreign key to :class:`Member`) and erase their rows through the privacy hook.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

__all__ = [
    "AuditEntry",
    "ConsentArchive",
    "ConsentEvent",
    "LoginAttempt",
    "Member",
    "OutboxEmail",
    "SessionRow",
    "SitePlugin",
    "StateCounter",
    "Token",
]


class Member(Table, tablename="core_member"):
    """A person with an account. The e-mail is private: never shown to others."""

    id = Serial(primary_key=True)
    email = Varchar(length=254, unique=True)
    email_verified = Boolean(default=False)
    pseudonym = Varchar(length=30)
    pseudonym_key = Varchar(length=30, unique=True)
    password_hash = Text()
    birth_year = SmallInt()
    site = Varchar(length=8)
    role = Varchar(length=16, default="member")
    pro_verified = Boolean(default=False)
    avatar_choice = SmallInt(default=0)
    avatar_file = Varchar(length=64, null=True, default=None)
    created_at = Timestamptz()
    last_login_at = Timestamptz(null=True, default=None)
    pseudonym_changed_at = Timestamptz(null=True, default=None)  # at most one change per 30 days
    pending_email = Varchar(length=254, null=True, default=None)  # new address awaiting its confirmation link
    language = Varchar(length=8, null=True, default=None)  # chosen among the edition's languages; None = default
    #: Optional, set by the member on /me ("f", "m", "x" = another answer; None = not said). Only for the
    #: anonymous age-and-sex tables of partner studies the member joined (core.api.research_profiles).
    sex = Varchar(length=1, null=True, default=None)


class SessionRow(Table, tablename="core_session"):
    """A server-side login session; the cookie holds a token, we store its hash."""

    id = Varchar(length=64, primary_key=True)
    member = ForeignKey(references=Member, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    user_agent = Varchar(length=200, default="")
    #: Edition where the session was opened; elsewhere the cookie means nothing.
    site = Varchar(length=8, default="")


class Token(Table, tablename="core_token"):
    """Single-use e-mail verification and password-reset tokens (hashed)."""

    id = Serial(primary_key=True)
    member = ForeignKey(references=Member, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=16)
    token_hash = Varchar(length=64, unique=True)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class ConsentEvent(Table, tablename="core_consent_event"):
    """Append-only consent ledger; at erasure rows move to :class:`ConsentArchive`."""

    id = Serial(primary_key=True)
    member = ForeignKey(references=Member, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=64)
    action = Varchar(length=8)
    text_version = Varchar(length=64)
    site = Varchar(length=8)
    language = Varchar(length=8)
    channel = Varchar(length=16)
    created_at = Timestamptz()
    prev_hash = Varchar(length=64, default="")
    entry_hash = Varchar(length=64, default="")


class ConsentArchive(Table, tablename="core_consent_archive"):
    """Ledger rows of erased members, re-keyed to a random erasure id.

    Proof that consent was collected (purpose, exact text version, edition,
    language, channel, time, hash-chain links) without the identity: no
    member id, nothing that leads back to the person.
    """

    id = Serial(primary_key=True)
    erasure_id = Varchar(length=32, index=True)
    purpose = Varchar(length=64)
    action = Varchar(length=8)
    text_version = Varchar(length=64)
    site = Varchar(length=8)
    language = Varchar(length=8)
    channel = Varchar(length=16)
    created_at = Timestamptz()
    prev_hash = Varchar(length=64, default="")
    entry_hash = Varchar(length=64, default="")


class SitePlugin(Table, tablename="core_site_plugin"):
    """Whether a plugin is enabled on a site (absent row: edition default)."""

    id = Serial(primary_key=True)
    key = Varchar(length=48, unique=True)
    site = Varchar(length=8)
    plugin = Varchar(length=32)
    enabled = Boolean()
    updated_at = Timestamptz()


class StateCounter(Table, tablename="core_state"):
    """Named counters, e.g. the enablement version every worker compares."""

    id = Serial(primary_key=True)
    name = Varchar(length=32, unique=True)
    value = Integer(default=0)


class AuditEntry(Table, tablename="core_audit"):
    """Who changed what and when, for operators (not member activity)."""

    id = Serial(primary_key=True)
    actor_id = Integer(null=True, default=None)
    actor = Varchar(length=30)
    action = Varchar(length=48)
    site = Varchar(length=8, default="")
    target = Varchar(length=64, default="")
    detail = JSON(default="{}")
    created_at = Timestamptz()


class OutboxEmail(Table, tablename="core_outbox"):
    """Every e-mail we send, kept for the file/console backends and audits."""

    id = Serial(primary_key=True)
    to_email = Varchar(length=254, index=True)
    subject = Varchar(length=200)
    body = Text()
    created_at = Timestamptz()


class LoginAttempt(Table, tablename="core_login_attempt"):
    """Failed logins per account and per address, for throttling."""

    id = Serial(primary_key=True)
    key = Varchar(length=80, index=True)
    created_at = Timestamptz(index=True)
