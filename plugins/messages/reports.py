"""Reports of messages and the moderation queue (no web framework here).

A report is the only way a message becomes visible to someone outside its
conversation: moderators of the edition see the reported message (and not
the rest of the conversation) until they remove it or dismiss the reports.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.api import N_
from plugins.messages.tables import Message, Report

__all__ = ["MAX_NOTE", "QUEUE_PAGE", "REASONS", "file_report", "for_moderator", "open_count", "open_queue", "resolve"]

REASONS: dict[str, str] = {
    "harassment": N_("Harassment, insults or threats"),
    "spam": N_("Spam, advertising or scam"),
    "health": N_("Dangerous health advice"),
    "other": N_("Something else"),
}
MAX_NOTE = 500
QUEUE_PAGE = 20


async def file_report(message_id: int, reporter_id: int, site: str, reason: str, note: str, now: datetime) -> bool:
    """Record a report; False when this member already has an open report on this message."""
    exists = await Report.exists().where(
        (Report.message == message_id) & (Report.reporter == reporter_id) & (Report.status == "open")
    )
    if exists:
        return False
    await Report(message=message_id, reporter=reporter_id, site=site, reason=reason, note=note, created_at=now).save()
    return True


async def open_count(site: str) -> int:
    """Reported messages waiting for a moderator on ``site``."""
    rows = await Report.select(Report.message).where((Report.site == site) & (Report.status == "open")).distinct()
    return len(rows)


async def open_queue(site: str, page: int) -> tuple[list[dict[str, Any]], bool]:
    """Reported messages with open reports on ``site``, oldest report first, one entry per message."""
    rows = (
        await Report.select(
            Report.id, Report.message, Report.reason, Report.created_at, Report.message.body, Report.message.sender
        )
        .where((Report.site == site) & (Report.status == "open"))
        .order_by(Report.id)
    )
    grouped: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = grouped.setdefault(
            row["message"],
            {
                "report_id": row["id"],
                "message_id": row["message"],
                "body": row["message.body"],
                "sender": row["message.sender"],
                "first_at": row["created_at"],
                "reasons": [],
                "count": 0,
            },
        )
        entry["count"] += 1
        if row["reason"] not in entry["reasons"]:
            entry["reasons"].append(row["reason"])
    items = list(grouped.values())
    start = (page - 1) * QUEUE_PAGE
    return items[start : start + QUEUE_PAGE], len(items) > start + QUEUE_PAGE


async def for_moderator(report_id: int, site: str) -> dict[str, Any] | None:
    """A report on ``site`` with its message and every report of that message (open or not)."""
    report = await Report.select().where((Report.id == report_id) & (Report.site == site)).first()
    if report is None:
        return None
    message = (
        await Message.select(Message.id, Message.sender, Message.body, Message.created_at, Message.removed_at)
        .where(Message.id == report["message"])
        .first()
    )
    if message is None:
        return None
    reports = (
        await Report.select(Report.reason, Report.note, Report.created_at, Report.status)
        .where(Report.message == report["message"])
        .order_by(Report.id)
    )
    return {"report": report, "message": message, "reports": reports}


async def resolve(message_id: int, *, remove: bool, now: datetime) -> int:
    """Close every open report of a message, blanking the message when ``remove``; returns reports closed."""
    open_reports = await Report.count().where((Report.message == message_id) & (Report.status == "open"))
    status = "removed" if remove else "dismissed"
    await Report.update({Report.status: status, Report.resolved_at: now}).where(
        (Report.message == message_id) & (Report.status == "open")
    )
    if remove:
        await Message.update({Message.body: "", Message.removed_at: now}).where(Message.id == message_id)
    return int(open_reports)
