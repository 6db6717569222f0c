"""Server-side login sessions.

The cookie carries a 256-bit random token; the database stores only its
SHA-256, so a leaked database does not leak live sessions. A session id is
never taken from the client: login always creates a new one (no fixation),
and logout deletes it server-side. Idle and absolute lifetimes follow ASVS
L2 (30 min idle, 12 h absolute by default).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from core.tables import Member, SessionRow

__all__ = ["cookie_name", "create", "destroy", "destroy_all", "hash_token", "load"]

TOUCH_EVERY = timedelta(minutes=1)


def cookie_name(https: bool) -> str:
    """``__Host-`` prefix when served over HTTPS (Secure, Path=/, no Domain)."""
    return "__Host-sid" if https else "entraide_sid"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create(member_id: int, user_agent: str = "", *, site: str = "") -> str:
    """Start a session on edition ``site``; returns the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    await SessionRow.insert(
        SessionRow(
            id=hash_token(token),
            member=member_id,
            created_at=now,
            last_seen_at=now,
            user_agent=user_agent[:200],
            site=site,
        )
    )
    return token


async def load(token: str | None, *, site: str, idle: timedelta, absolute: timedelta) -> tuple[str, Member] | None:
    """The live session and its member for a cookie token on edition ``site``, or None.

    A session belongs to the edition where it was opened: its cookie
    replayed on another edition's host is treated as signed out there (the
    session itself stays valid where it belongs).
    """
    if not token or len(token) > 100:
        return None
    sid = hash_token(token)
    rows = await SessionRow.raw(_session_sql(), sid)  # session and member in one round trip
    row = rows[0] if rows else None
    if row is None or row["session_site"] != site:
        return None
    now = datetime.now(UTC)
    if now - row["session_last_seen_at"] > idle or now - row["session_created_at"] > absolute:
        await SessionRow.delete().where(SessionRow.id == sid)
        return None
    member = Member(**{name: row[name] for name in _member_columns()}, _exists_in_db=True)
    if now - row["session_last_seen_at"] > TOUCH_EVERY:
        await SessionRow.update({SessionRow.last_seen_at: now}).where(SessionRow.id == sid)
    return sid, member


@lru_cache(maxsize=1)
def _member_columns() -> tuple[str, ...]:
    return tuple(column._meta.db_column_name for column in Member._meta.columns)


@lru_cache(maxsize=1)
def _session_sql() -> str:
    """The session (by id) joined to its member: every member column, as ``Member.objects()`` reads them."""
    columns = ", ".join(f'm."{name}" AS "{name}"' for name in _member_columns())
    # Names come from the table classes; the id is a parameter ({} is piccolo's placeholder).
    return (
        'SELECT s."created_at" AS "session_created_at", s."last_seen_at" AS "session_last_seen_at", '  # noqa: S608
        f's."site" AS "session_site", {columns} '
        f'FROM "{SessionRow._meta.tablename}" s JOIN "{Member._meta.tablename}" m ON m."id" = s."member" '
        'WHERE s."id" = {}'
    )


async def destroy(sid: str) -> None:
    await SessionRow.delete().where(SessionRow.id == sid)


async def destroy_all(member_id: int, *, keep: str | None = None) -> None:
    """End every session of a member (password change, reset), except ``keep``."""
    query = SessionRow.delete().where(SessionRow.member == member_id)
    if keep:
        query = query.where(SessionRow.id != keep)
    await query
