"""Small helpers shared by the friends pages and actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Request

from core.api import formats_for

__all__ = ["safe_next", "since"]


def safe_next(value: Any, default: str) -> str:
    """A local path to go back to after a form (never another site)."""
    text = str(value or "")
    if text.startswith("/") and not text.startswith("//") and "\\" not in text and len(text) < 300:
        return text
    return default


def since(request: Request[Any, Any, Any], moment: datetime) -> str:
    """A date in the page's locale (e.g. "12 mars 2026")."""
    return formats_for(request).date(moment.date())
