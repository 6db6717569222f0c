"""Reading and checking submitted text (nothing is stored when a check fails)."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

__all__ = ["MAX_CHARS", "MAX_TITLE", "check_text", "check_title", "text_value"]

MAX_CHARS = 10_000
MAX_TITLE = 160


def text_value(form: Any, name: str) -> str:
    """A field as typed, not truncated: over-long text is refused, never cut."""
    value = form.get(name, "")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").replace("\r\n", "\n").strip()


def check_text(text: str, gettext: Any, locale: str) -> str | None:
    """The translated reason a message cannot be posted, or None."""
    if not text:
        return str(gettext("Write something first."))
    if len(text) > MAX_CHARS:
        values = {"max": format_decimal(MAX_CHARS, locale=locale), "count": format_decimal(len(text), locale=locale)}
        return str(gettext("At most %(max)s characters: this text has %(count)s.") % values)
    return None


def check_title(title: str, gettext: Any) -> str | None:
    if not title:
        return str(gettext("Give the discussion a title."))
    if len(title) > MAX_TITLE:
        return str(gettext("At most %(max)s characters for a title.") % {"max": MAX_TITLE})
    return None
