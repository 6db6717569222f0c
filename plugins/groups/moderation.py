"""Reports on group messages and moderators' decisions.

A member reports a message once. Three different members reporting the same
message hide it pending review. Group moderators see their group's queue;
the edition's moderators and operators see every group's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from core.api import N_, transaction
from plugins.groups.tables import Reply, Report

__all__ = ["ACTION_LABELS", "AUTO_HIDE_REPORTERS", "REASONS", "decide", "file_report", "open_items", "target_url"]

AUTO_HIDE_REPORTERS = 3
REASONS = {
    "spam": N_("Spam or advertising"),
    "abuse": N_("Insulting, hateful or harassing"),
    "danger": N_("Dangerous health advice"),
    "privacy": N_("Reveals someone's private information"),
    "other": N_("Something else"),
}

#: Audit actions written by the groups plugin, as the moderation queue names them.
ACTION_LABELS = {
    "groups.reply.hide": N_("message hidden"),
    "groups.reply.restore": N_("message restored"),
    "groups.reply.dismiss": N_("reports dismissed"),
    "groups.reply.warn": N_("author warned"),
    "groups.reply.remove": N_("author removed from the group"),
    "groups.reply.auto_hidden": N_("message hidden after three reports"),
    "groups.member.removed": N_("member removed from the group"),
    "groups.request.approved": N_("join request accepted"),
    "groups.request.refused": N_("join request refused"),
    "groups.thread.pin": N_("discussion pinned"),
    "groups.thread.unpin": N_("discussion unpinned"),
    "groups.thread.lock": N_("discussion locked"),
    "groups.thread.unlock": N_("discussion unlocked"),
    "groups.group.created": N_("group created"),
}


def target_url(target: str) -> str | None:
    """The page an audit target names (``groups.reply:12`` → the message), for the queue's links."""
    kind, _, ident = target.partition(":")
    paths = {
        "groups.reply": "/groups/replies/{}",
        "groups.thread": "/groups/threads/{}/",
        "groups.group": "/groups/{}/",
    }
    return paths[kind].format(ident) if kind in paths and ident.isdigit() else None


async def file_report(
    reporter: int, reply: dict[str, Any], group: dict[str, Any], reason: str, note: str
) -> tuple[bool, bool]:
    """Record a report; returns (new report, message now hidden pending review)."""
    key = f"{reply['id']}:{reporter}"
    async with transaction():
        if await Report.exists().where(Report.report_key == key):
            return False, False
        await Report.insert(
            Report(
                reporter=reporter,
                reply=reply["id"],
                group_id=group["id"],
                site=group["site"],
                reason=reason,
                note=note[:500],
                report_key=key,
                created_at=datetime.now(UTC),
            )
        )
        reporters = await Report.count().where((Report.reply == reply["id"]) & (Report.status == "open"))
        hide = reporters >= AUTO_HIDE_REPORTERS and not reply["hidden"]
        if hide:
            await Reply.update({Reply.hidden: True}).where(Reply.id == reply["id"])
    return True, hide


async def decide(reply_id: int, action: str) -> None:
    """hide / restore / dismiss: set the message's visibility and close its open reports."""
    status = {"hide": "hidden", "restore": "restored", "dismiss": "dismissed"}[action]
    async with transaction():
        await Reply.update({Reply.hidden: action == "hide"}).where(Reply.id == reply_id)
        await Report.update({Report.status: status, Report.decided_at: datetime.now(UTC)}).where(
            (Report.reply == reply_id) & (Report.status == "open")
        )


async def open_items(site: str, group_ids: Sequence[int] | None) -> list[dict[str, Any]]:
    """Messages with open reports (on these groups, or all groups of the edition), most reported first."""
    query = Report.select().where((Report.site == site) & (Report.status == "open"))
    if group_ids is not None:
        if not group_ids:
            return []
        query = query.where(Report.group_id.is_in(list(group_ids)))
    items: dict[int, dict[str, Any]] = {}
    for row in await query.order_by(Report.id):
        item = items.setdefault(row["reply"], {"reply_id": row["reply"], "reports": [], "reasons": {}})
        item["reports"].append(row)
        item["reasons"][row["reason"]] = item["reasons"].get(row["reason"], 0) + 1
    return sorted(items.values(), key=lambda i: (-len(i["reports"]), i["reports"][0]["id"]))
