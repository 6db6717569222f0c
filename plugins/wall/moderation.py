"""Reports and moderators' decisions on posts and comments.

A member reports a post or comment once. When three different members have
open reports on the same item, it is hidden until a moderator decides:
hide (keep it hidden), restore (show it again), dismiss (the reports were
unfounded) or warn the author. Decisions go to core's audit log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.api import N_, transaction
from plugins.wall.tables import Comment, Post, Report

__all__ = [
    "ACTION_LABELS",
    "AUTO_HIDE_REPORTERS",
    "REASONS",
    "decide",
    "file_report",
    "open_items",
    "set_hidden",
]

AUTO_HIDE_REPORTERS = 3
REASONS = {
    "spam": N_("Spam or advertising"),
    "abuse": N_("Insulting, hateful or harassing"),
    "danger": N_("Dangerous health advice"),
    "privacy": N_("Reveals someone's private information"),
    "other": N_("Something else"),
}
#: Audit actions written by the wall, as the moderation queue's trail names them.
ACTION_LABELS = {
    "wall.post.hide": N_("post hidden"),
    "wall.post.restore": N_("post restored"),
    "wall.post.dismiss": N_("reports on a post dismissed"),
    "wall.post.warn": N_("author of a post warned"),
    "wall.post.auto_hidden": N_("post hidden after three reports"),
    "wall.comment.hide": N_("comment hidden"),
    "wall.comment.restore": N_("comment restored"),
    "wall.comment.dismiss": N_("reports on a comment dismissed"),
    "wall.comment.warn": N_("author of a comment warned"),
    "wall.comment.auto_hidden": N_("comment hidden after three reports"),
}
_TABLES: dict[str, tuple[Any, Any]] = {"post": (Post, Report.post), "comment": (Comment, Report.comment)}


async def file_report(reporter: int, site: str, kind: str, item_id: int, reason: str, note: str) -> tuple[bool, bool]:
    """Record a report; returns (new report, item now hidden pending review)."""
    table, column = _TABLES[kind]
    key = f"{kind}:{item_id}:{reporter}"
    async with transaction():
        if await Report.exists().where(Report.report_key == key):
            return False, False
        values: dict[str, Any] = {"post": None, "comment": None, kind: item_id}
        await Report.insert(
            Report(
                reporter=reporter,
                site=site,
                reason=reason,
                note=note[:500],
                report_key=key,
                created_at=datetime.now(UTC),
                **values,
            )
        )
        reporters = await Report.count().where((column == item_id) & (Report.status == "open"))
        hide = reporters >= AUTO_HIDE_REPORTERS
        if hide:
            await table.update({table.hidden: True}).where((table.id == item_id) & (table.hidden == False))  # noqa: E712
    return True, hide


async def set_hidden(kind: str, item_id: int, hidden: bool) -> None:
    table, _ = _TABLES[kind]
    await table.update({table.hidden: hidden}).where(table.id == item_id)


async def decide(kind: str, item_id: int, action: str) -> None:
    """Apply a moderator's decision to the item and close its open reports."""
    _, column = _TABLES[kind]
    status = {"hide": "hidden", "restore": "restored", "dismiss": "dismissed"}.get(action)
    async with transaction():
        if action == "hide":
            await set_hidden(kind, item_id, True)
        elif action in ("restore", "dismiss"):
            await set_hidden(kind, item_id, False)
        if status:
            await Report.update({Report.status: status, Report.decided_at: datetime.now(UTC)}).where(
                (column == item_id) & (Report.status == "open")
            )


async def open_items(site: str) -> list[dict[str, Any]]:
    """Reported items with open reports on this edition, most reported first."""
    rows = await Report.select().where((Report.site == site) & (Report.status == "open")).order_by(Report.id)
    items: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        kind = "post" if row["post"] is not None else "comment"
        key = (kind, row["post"] if kind == "post" else row["comment"])
        item = items.setdefault(key, {"kind": kind, "id": key[1], "reports": [], "reasons": {}})
        item["reports"].append(row)
        item["reasons"][row["reason"]] = item["reasons"].get(row["reason"], 0) + 1
    return sorted(items.values(), key=lambda i: (-len(i["reports"]), i["reports"][0]["id"]))
