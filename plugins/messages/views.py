"""What templates show: names ("deleted member"), local times, rendered bodies, read receipts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from litestar import Request

from core.api import MemberView, formats_for, get_members, gettext_for, render_markdown, site_of
from plugins.messages.services import Thread

__all__ = ["Names", "conversation_title", "local_time", "message_items", "names_for", "read_receipt"]


class Names:
    """Pseudonyms by member id; an erased member (or unknown id) is "deleted member"."""

    def __init__(self, members: dict[int, MemberView], deleted: str) -> None:
        self.members = members
        self.deleted = deleted

    def __call__(self, member_id: int | None) -> str:
        member = self.members.get(member_id) if member_id is not None else None
        return member.pseudonym if member else self.deleted

    def avatar(self, member_id: int | None) -> str | None:
        member = self.members.get(member_id) if member_id is not None else None
        return member.avatar_url if member else None


async def names_for(request: Request[Any, Any, Any], ids: Iterable[int | None]) -> Names:
    members = await get_members(i for i in ids if i is not None)
    return Names(members, gettext_for(request).gettext("deleted member"))


def local_time(request: Request[Any, Any, Any], moment: datetime) -> str:
    """A date and time in the edition's time zone and the page's language."""
    return formats_for(request).datetime(moment, site_of(request).tz)


def conversation_title(thread_subject: str, others: list[dict[str, Any]], names: Names) -> str:
    """The subject, else the other participants' names."""
    if thread_subject:
        return thread_subject
    return ", ".join(names(p["member"]) for p in others) or names(None)


def message_items(
    request: Request[Any, Any, Any], rows: list[dict[str, Any]], me_id: int, names: Names
) -> list[dict[str, Any]]:
    removed = gettext_for(request).gettext("This message was removed by a moderator.")
    return [
        {
            "id": row["id"],
            "mine": row["sender"] == me_id,
            "sender": names(row["sender"]),
            "avatar": names.avatar(row["sender"]),
            "when": local_time(request, row["created_at"]),
            "iso": row["created_at"].isoformat(),
            "body": render_markdown(row["body"]) if row["removed_at"] is None else None,
            "removed": removed if row["removed_at"] is not None else None,
        }
        for row in rows
    ]


def read_receipt(request: Request[Any, Any, Any], thread: Thread, last: dict[str, Any] | None, names: Names) -> str:
    """Who, besides its author, has read the latest message ("Seen" / "Seen by A, B")."""
    if not last:
        return ""
    readers = [
        p
        for p in thread.others
        if p["member"] is not None and p["member"] != last["sender"] and p["last_read_id"] >= last["id"]
    ]
    if not readers:
        return ""
    _ = gettext_for(request).gettext
    if not thread.is_group:
        return _("Seen")
    return _("Seen by %(names)s") % {"names": ", ".join(names(p["member"]) for p in readers)}
