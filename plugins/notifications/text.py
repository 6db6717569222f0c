"""Turning a stored notification into words, in the reader's language, at render time.

The msgid is translated with the merged catalogs (the emitting plugin put it
in its own catalog), then ``%(actor)s`` and the other parameters are filled
in, escaped. A parameter the text does not know, or a text that does not
format, never breaks the page: the text then shows without values.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from core.api import MemberView

__all__ = ["plain_text", "rich_text"]


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _values(row: dict[str, Any], names: dict[int, MemberView], deleted: str) -> _Params:
    params = row.get("params") or {}
    if isinstance(params, str):
        params = json.loads(params or "{}")
    actor = names.get(row["actor"]) if row.get("actor") is not None else None
    return _Params({**params, "actor": actor.pseudonym if actor else deleted})


def rich_text(translations: Any, row: dict[str, Any], names: dict[int, MemberView], deleted: str) -> Markup:
    msgid: str = row["msgid"]
    template = Markup(escape(translations.gettext(msgid)))  # noqa: S704 - escaped first
    try:
        return template % _values(row, names, deleted)
    except (TypeError, ValueError):
        return template


def plain_text(translations: Any, row: dict[str, Any], names: dict[int, MemberView], deleted: str) -> str:
    msgid: str = row["msgid"]
    template = translations.gettext(msgid)
    try:
        return str(template % _values(row, names, deleted))
    except (TypeError, ValueError):
        return str(template)
