"""Erasing a member, down to the disk.

Deleting rows is not enough for a promise of erasure: SQLite keeps deleted
content readable in free pages and in the write-ahead log, the file e-mail
backend keeps every message, and the avatar is a file of its own. So
:func:`erase_member`

1. erases through every plugin (``erase_personal_data``) and deletes core's
   rows, in one transaction; consent-ledger rows are re-keyed to a random
   *erasure id* (:class:`~core.tables.ConsentArchive`) and the audit log
   records ``member.erased`` with that id only — proof that consent was
   collected, without the identity;
2. tells the edition's plugins (``core.member.erased``);
3. deletes the avatar file and purges the member's messages from the
   outbox file;
4. checkpoints and truncates the SQLite WAL. Every SQLite connection runs
   with ``PRAGMA secure_delete=ON``, so the deleted rows are zeros in the
   database file itself.

On PostgreSQL, deleted tuples stay in the table files until ``VACUUM``
reclaims them (autovacuum does so on its own schedule).
"""

from __future__ import annotations

import inspect
import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from core.db import DurableSQLiteEngine, transaction
from core.email import purge_outbox_file
from core.events import Event
from core.tables import AuditEntry, ConsentArchive, ConsentEvent, LoginAttempt, Member, OutboxEmail, SessionRow, Token

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["erase_member", "new_erasure_id"]

_LEDGER_COLUMNS = (
    "purpose",
    "action",
    "text_version",
    "site",
    "language",
    "channel",
    "created_at",
    "prev_hash",
    "entry_hash",
)


def new_erasure_id() -> str:
    """A random id with no link to the member (``e-`` + 96 random bits)."""
    return "e-" + secrets.token_hex(12)


async def _rekey_ledger(member_id: int, erasure_id: str) -> None:
    rows = await ConsentEvent.select().where(ConsentEvent.member == member_id).order_by(ConsentEvent.id)
    if rows:
        await ConsentArchive.insert(
            *[ConsentArchive(erasure_id=erasure_id, **{c: row[c] for c in _LEDGER_COLUMNS}) for row in rows]
        )
    await ConsentEvent.delete().where(ConsentEvent.member == member_id)


async def _rekey_audit(member_id: int, erasure_id: str) -> None:
    """Audit rows keep what was done, but name the erased member by the erasure id only."""
    await AuditEntry.update({AuditEntry.actor_id: None, AuditEntry.actor: erasure_id}).where(
        AuditEntry.actor_id == member_id
    )
    await AuditEntry.update({AuditEntry.target: erasure_id}).where(AuditEntry.target == f"member:{member_id}")
    await AuditEntry.insert(
        AuditEntry(
            actor_id=None,
            actor=erasure_id,
            action="member.erased",
            target=erasure_id,
            detail={},
            created_at=datetime.now(UTC),
        )
    )


async def _erase_rows(rt: Runtime, member_id: int, email: str, erasure_id: str, pending: list[str]) -> None:
    from core.identity.throttle import member_keys, member_prefix

    async with transaction(rt.engine):
        for impl in rt.registry.pm.hook.erase_personal_data.get_hookimpls():
            result = impl.function(member_id=member_id)
            if inspect.isawaitable(result):
                await result
        await OutboxEmail.delete().where(OutboxEmail.to_email.is_in([email, *pending]))
        await LoginAttempt.delete().where(LoginAttempt.key.is_in(member_keys(email)))
        await LoginAttempt.delete().where(LoginAttempt.key.like(member_prefix(email) + "%"))
        await SessionRow.delete().where(SessionRow.member == member_id)
        await Token.delete().where(Token.member == member_id)
        await _rekey_ledger(member_id, erasure_id)
        await _rekey_audit(member_id, erasure_id)
        await Member.delete().where(Member.id == member_id)


async def erase_member(rt: Runtime, member_id: int, *, site: str | None = None) -> str | None:
    """Erase a member everywhere (see the module doc); returns the erasure id (None: no such member).

    Args:
        rt: The application runtime.
        member_id: Who to erase.
        site: Edition whose plugins hear ``core.member.erased`` (default:
            the member's own edition).
    """
    member = (
        await Member.select(Member.email, Member.pending_email, Member.avatar_file, Member.site)
        .where(Member.id == member_id)
        .first()
    )
    if member is None:
        return None
    erasure_id = new_erasure_id()
    pending = [member["pending_email"]] if member["pending_email"] else []  # a new address awaiting confirmation
    await _erase_rows(rt, member_id, member["email"], erasure_id, pending)
    await rt.emit(Event("core.member.erased", site or member["site"], member_id))
    if member["avatar_file"]:
        (rt.settings.data_path / "avatars" / member["avatar_file"]).unlink(missing_ok=True)
    for address in (member["email"], *pending):
        purge_outbox_file(rt.settings, address)
    if isinstance(rt.engine, DurableSQLiteEngine):
        await rt.engine.checkpoint()
    return erasure_id
