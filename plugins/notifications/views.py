"""What the notification pages show for each stored row."""

from __future__ import annotations

from typing import Any

from litestar import Request

from core.api import formats_for, get_members, gettext_for, site_of
from plugins.notifications.text import rich_text

__all__ = ["items_for"]


async def items_for(request: Request[Any, Any, Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the list shows for each row: translated text, local time, state."""
    names = await get_members({r["actor"] for r in rows if r["actor"] is not None})
    translations = gettext_for(request)
    deleted = translations.gettext("deleted member")
    fmt, tz = formats_for(request), site_of(request).tz
    return [
        {
            "id": r["id"],
            "text": rich_text(translations, r, names, deleted),
            "when": fmt.datetime(r["created_at"], tz),
            "iso": r["created_at"].isoformat(),
            "unread": r["read_at"] is None,
            "url": r["url"],
        }
        for r in rows
    ]
