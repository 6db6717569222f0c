"""Reading and checking what members submit: text, audience, photos.

Every check runs before anything is stored, so a refused post leaves no row
and no file behind. Messages are gettext msgids (``N_``), translated by the
page that shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import anyio.to_thread
from babel.numbers import format_decimal
from litestar.datastructures import UploadFile

from core.api import N_, ImageRejected, ProcessedImage, process_image

__all__ = [
    "MAX_CHARS",
    "MAX_PHOTOS",
    "MAX_PHOTO_BYTES",
    "REQUEST_LIMIT",
    "FormErrors",
    "read_photos",
    "text_value",
    "validate_text",
]

MAX_CHARS = 10_000
MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 10 * 1024 * 1024
REQUEST_LIMIT = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024
"""Largest request body accepted by the posting route (four full photos and the text)."""


@dataclass
class FormErrors:
    """Errors per field: ``(msgid, params)`` pairs, translated by the template."""

    items: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)

    def add(self, name: str, msgid: str, **params: Any) -> None:
        self.items.setdefault(name, []).append((msgid, params))

    def __bool__(self) -> bool:
        return bool(self.items)

    def translated(self, gettext: Callable[[str], str], locale: str) -> dict[str, list[str]]:
        """Messages in the page's language; numbers in its format; a nested ``reason`` msgid translated too."""
        out: dict[str, list[str]] = {}
        for name, entries in self.items.items():
            for msgid, params in entries:
                values = {
                    k: gettext(v) if k == "reason" else format_decimal(v, locale=locale) if isinstance(v, int) else v
                    for k, v in params.items()
                }
                out.setdefault(name, []).append(gettext(msgid) % values if values else gettext(msgid))
        return out


def text_value(form: Any, name: str) -> str:
    """A text field as typed (not truncated: over-long text must be refused, not cut)."""
    value = form.get(name, "")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").replace("\r\n", "\n").strip()


def validate_text(text: str, errors: FormErrors, name: str = "body") -> None:
    """Refuse empty text and text over :data:`MAX_CHARS` characters."""
    if not text:
        errors.add(name, N_("Write something first."))
    elif len(text) > MAX_CHARS:
        errors.add(
            name,
            N_("At most %(max)s characters: this text has %(count)s."),
            max=MAX_CHARS,
            count=len(text),
        )


def _uploads(form: Any, name: str) -> list[UploadFile]:
    values = form.getall(name, []) if hasattr(form, "getall") else [form.get(name)]
    return [v for v in values if isinstance(v, UploadFile) and v.filename]


async def read_photos(form: Any, errors: FormErrors, name: str = "photos") -> list[ProcessedImage]:
    """Re-encode up to four photos with core's image rules; one error line per refused file."""
    uploads = _uploads(form, name)
    if len(uploads) > MAX_PHOTOS:
        errors.add(name, N_("At most %(max)s photos per post."), max=MAX_PHOTOS)
        return []
    photos: list[ProcessedImage] = []
    for number, upload in enumerate(uploads, start=1):
        data = await upload.read(MAX_PHOTO_BYTES + 1)
        try:
            photos.append(await anyio.to_thread.run_sync(partial(process_image, data, max_bytes=MAX_PHOTO_BYTES)))
        except ImageRejected as exc:
            errors.add(
                name,
                N_("Photo %(number)s (%(file)s): %(reason)s"),
                number=number,
                file=upload.filename[:80],
                reason=exc.message,
            )
    return photos
