"""The audit log: who did what to what, when (operators' and moderators' actions).

Core writes plugin toggles and role changes here; plugins write their
moderation decisions through :func:`audit` (exported by ``core.api``) and
read their own back with :func:`audit_trail` to show a queue's history.
Rows name the actor by pseudonym as it was at the time, never by e-mail.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from core.kernel import scope_of
from core.members import viewer
from core.tables import AuditEntry

__all__ = ["audit", "audit_trail", "record"]


async def record(
    actor_id: int | None,
    actor: str,
    action: str,
    *,
    site: str = "",
    target: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one row (lengths bounded to the columns)."""
    await AuditEntry.insert(
        AuditEntry(
            actor_id=actor_id,
            actor=actor[:30],
            action=action[:48],
            site=site[:8],
            target=target[:64],
            detail=detail or {},
            created_at=datetime.now(UTC),
        )
    )


async def audit(
    request_or_site: Any, action: str, target: str = "", detail: dict[str, Any] | None = None, *, system: bool = False
) -> None:
    """Record a moderation or administration action on this edition.

    Args:
        request_or_site: The current request (its viewer is the actor), or an
            edition code for actions outside a request.
        action: ``<slug>.<noun>.<verb>``, e.g. ``"groups.reply.hide"``.
        target: What was acted on, e.g. ``"groups.reply:42"``.
        detail: Small JSON-able facts (ids, a moderator's note); no health data.
        system: The platform acted by itself (e.g. an automatic hiding after
            three reports): the actor is recorded as ``system``.
    """
    _, _, code = await scope_of(request_or_site)
    who = None if system or isinstance(request_or_site, str) else viewer(request_or_site)
    name = who.pseudonym if who else "system"
    await record(who.id if who else None, name, action, site=code, target=target, detail=detail)


async def audit_trail(request_or_site: Any, action_prefix: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The edition's latest rows whose action starts with ``action_prefix`` (e.g. ``"wall."``), newest first.

    Returns:
        Dicts with ``created_at``, ``actor``, ``action``, ``target`` and ``detail`` (a dict).
    """
    _, _, code = await scope_of(request_or_site)
    # LIKE narrows in the database; startswith is the exact test (% and _ in the prefix stay literal).
    pattern = action_prefix.split("%")[0].split("_")[0] + "%"
    rows = (
        await AuditEntry.select(
            AuditEntry.created_at, AuditEntry.actor, AuditEntry.action, AuditEntry.target, AuditEntry.detail
        )
        .where((AuditEntry.site == code) & AuditEntry.action.like(pattern))
        .order_by(AuditEntry.id, ascending=False)
        .limit(max(1, min(limit, 500)))
    )
    kept = [row for row in rows if row["action"].startswith(action_prefix)]
    for row in kept:
        if isinstance(row["detail"], str):
            row["detail"] = json.loads(row["detail"] or "{}")
    return kept
