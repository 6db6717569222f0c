"""Click links of sponsored content: through core's counter, only to the plugin's own pages."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

__all__ = ["click_url_for", "safe_target"]


def click_url_for(campaign_id: int, slot: str, slug: str) -> Callable[..., str]:
    """``click_url(path)`` for a sponsored template: a link that counts one click, then goes to ``path``.

    ``path`` must be one of the plugin's own pages (``/<slug>/…``); anything
    else falls back to the plugin's home page when followed.
    """

    def click_url(path: str = "") -> str:
        return f"/partners/go/{campaign_id}?" + urlencode({"slot": slot, "to": path or f"/{slug}/"})

    return click_url


def safe_target(slug: str, to: str) -> str:
    """Where a click may lead: a path under ``/<slug>/`` on this site (never elsewhere), else ``/<slug>/``."""
    parts = urlsplit(to)
    home = f"/{slug}/"
    if parts.scheme or parts.netloc or "\\" in to or not parts.path.startswith(home) or "/../" in parts.path + "/":
        return home
    return parts.path + (f"?{parts.query}" if parts.query else "")
