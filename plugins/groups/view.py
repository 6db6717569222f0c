"""Groups, threads and messages made ready for templates and JSON."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from litestar import Request

from core.api import MemberView, current_member, formats_for, get_members, gettext_for, render_markdown, site_of
from plugins.groups.services import SMALL_GROUP
from plugins.groups.tables import Reply

__all__ = ["count_label", "decorate_replies", "decorate_threads", "reply_json", "when"]

Req = Request[Any, Any, Any]
EXCERPT = 280


def when(request: Req, moment: datetime | None) -> dict[str, str]:
    """``iso`` for ``<time datetime>``, ``text`` as time ago (or the date after a week), the ``full`` date and time."""
    if moment is None:
        return {"iso": "", "text": "", "full": ""}
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    fmt, tz = formats_for(request), site_of(request).tz
    return {"iso": moment.isoformat(), "text": fmt.since(moment, tz), "full": fmt.datetime(moment, tz)}


def count_label(request: Req, count: int) -> str:
    """ "fewer than 10 members" under 10 (a small count could point at someone), else the number."""
    translations = gettext_for(request)
    if count < SMALL_GROUP:
        return translations.gettext("fewer than 10 members")
    number = formats_for(request).number(count)
    return translations.ngettext("%(num)s member", "%(num)s members", count) % {"num": number}


def _author(members: dict[int, MemberView], member_id: int) -> dict[str, Any]:
    member = members.get(member_id)
    if member is None:
        return {"id": member_id, "pseudonym": "", "avatar_url": "", "deleted": True}
    return {"id": member.id, "pseudonym": member.pseudonym, "avatar_url": member.avatar_url, "deleted": False}


async def decorate_threads(request: Req, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    members = await get_members({r["author"] for r in rows})
    return [
        r | {"author_view": _author(members, r["author"]), "activity": when(request, r["last_activity_at"])}
        for r in rows
    ]


def _excerpt(text: str) -> str:
    """The quoted text as plain words: Markdown marks (``**``, ``*``, ``_``, list dashes) removed."""
    flat = " ".join(re.sub(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))", "", line).lstrip("-+ ") for line in text.splitlines())
    flat = " ".join(flat.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"


async def decorate_replies(
    request: Req, rows: Sequence[dict[str, Any]], *, hidden_ids: frozenset[int] = frozenset()
) -> list[dict[str, Any]]:
    """Messages with author, rendered text and the quoted message (author and excerpt), if still visible.

    Args:
        hidden_ids: Authors the viewer must not read (blocks): their quoted words are not shown.
    """
    me = current_member(request)
    quote_ids = {r["quote_id"] for r in rows if r["quote_id"]}
    quoted = {q["id"]: q for q in await Reply.select().where(Reply.id.is_in(list(quote_ids)))} if quote_ids else {}
    members = await get_members({r["author"] for r in rows} | {q["author"] for q in quoted.values()})
    out = []
    for row in rows:
        quote = quoted.get(row["quote_id"]) if row["quote_id"] else None
        shown = quote is not None and not quote["hidden"] and quote["author"] not in hidden_ids
        out.append(
            row
            | {
                "html": render_markdown(row["body"]),
                "author_view": _author(members, row["author"]),
                "mine": row["author"] == me.id,
                "when": when(request, row["created_at"]),
                "edited_when": when(request, row["edited_at"]),
                "quote": {
                    "id": quote["id"],
                    "author": _author(members, quote["author"]),
                    "excerpt": _excerpt(quote["body"]),
                }
                if quote is not None and shown
                else None,
                "quote_gone": bool(row["quote_id"]) and not shown,
            }
        )
    return out


def reply_json(reply: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": reply["id"],
        "url": f"/groups/replies/{reply['id']}",
        "author": {"id": reply["author_view"]["id"], "pseudonym": reply["author_view"]["pseudonym"]},
        "text": reply["body"],
        "html": str(reply["html"]),
        "quote_id": reply["quote"]["id"] if reply["quote"] else None,
        "created_at": reply["when"]["iso"],
        "edited_at": reply["edited_when"]["iso"] or None,
    }
