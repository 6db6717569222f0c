"""Small helpers for reading HTML forms safely."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import UploadFile

__all__ = ["client_address", "field", "safe_next", "upload_bytes"]

MAX_FIELD = 4096


def field(form: Any, name: str, default: str = "") -> str:
    """A text field, stripped of NULs and bounded in length."""
    value = form.get(name, default)
    if not isinstance(value, str):
        return default
    return value.replace("\x00", "")[:MAX_FIELD]


async def upload_bytes(form: Any, name: str, limit: int) -> bytes | None:
    """The uploaded file's bytes, at most ``limit + 1`` (so callers see "too big")."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        return None
    data = await value.read(limit + 1)
    return data or None


def safe_next(value: str | None, default: str = "/") -> str:
    """Only same-site relative paths, kept exactly (``/studies/``): no open redirects.

    ``//host``, backslashes, spaces and control characters are refused
    (browsers drop a tab or a newline, which would turn ``/<tab>/host`` into
    ``//host``).
    """
    if (
        value
        and value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and not any(ch <= " " or ch == "\x7f" for ch in value)
    ):
        return value
    return default


def client_address(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client else "unknown"
