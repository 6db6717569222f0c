"""Sites: the country editions one installation serves.

An edition is configuration (``editions.toml``, or the file named by the
``sites_file`` setting); which plugins are enabled on it lives in the
database (see :mod:`core.enablement`).
"""

from __future__ import annotations

import tomllib
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BUNDLED_EDITIONS", "Site", "SiteMap", "load_sites"]

BUNDLED_EDITIONS = Path(__file__).with_name("editions.toml")
SUPPORTED_LOCALES = ("fr", "en", "de")


@dataclass(frozen=True)
class Site:
    """One country edition.

    Attributes:
        code: Short code, e.g. "fr" (also the ``<code>.localhost`` host).
        name: Display name.
        hosts: Host names answering for it.
        locale: Default language; pages render in it (``<html lang>``).
        languages: Languages its legal pack covers.
        timezone: IANA zone: day boundaries for health records.
        theme: Theme slug.
        min_age: Minimum sign-up age (digital consent age of the country).
        emergency: Emergency numbers shown on every page.
        controller: Data controller named in consent texts.
        hosting: Data hosting note for the legal pack.
        plugins: Default enablement: "all" or a list of slugs.
    """

    code: str
    name: str
    hosts: tuple[str, ...]
    locale: str
    languages: tuple[str, ...]
    timezone: str
    theme: str
    min_age: int
    emergency: str
    controller: str
    hosting: str
    plugins: str | tuple[str, ...] = "all"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def default_enabled(self, slug: str) -> bool:
        return self.plugins == "all" or slug in self.plugins

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "hosts": list(self.hosts),
            "locale": self.locale,
            "languages": list(self.languages),
            "timezone": self.timezone,
            "theme": self.theme,
            "min_age": self.min_age,
            "emergency": self.emergency,
        }


class SiteMap:
    """Editions by code and by host, with a default for unknown hosts."""

    def __init__(self, sites: list[Site], default: str) -> None:
        self.by_code = {s.code: s for s in sites}
        if default not in self.by_code:
            raise ValueError(f"default site {default!r} is not a configured edition")
        self.default = self.by_code[default]
        self.by_host: dict[str, Site] = {}
        for site in sites:
            for host in (*site.hosts, f"{site.code}.localhost"):
                self.by_host[host.lower()] = site

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.by_code.values())

    def get(self, code: str) -> Site | None:
        return self.by_code.get(code)

    def resolve(self, host_header: str | None) -> Site:
        """The edition for a ``Host`` header (port ignored), else the default."""
        host = (host_header or "").rsplit(":", 1)[0] if not (host_header or "").startswith("[") else ""
        return self.by_host.get(host.lower().rstrip("."), self.default)


def _site(code: str, raw: dict[str, Any]) -> Site:
    plugins = raw.get("plugins", "all")
    site = Site(
        code=code,
        name=raw["name"],
        hosts=tuple(raw.get("hosts", [])),
        locale=raw["locale"],
        languages=tuple(raw.get("languages", [raw["locale"]])),
        timezone=raw["timezone"],
        theme=raw.get("theme", "default"),
        min_age=int(raw["min_age"]),
        emergency=raw.get("emergency", "112"),
        controller=raw.get("controller", raw["name"]),
        hosting=raw.get("hosting", ""),
        plugins=plugins if plugins == "all" else tuple(plugins),
    )
    if site.locale not in SUPPORTED_LOCALES:
        raise ValueError(f"edition {code}: locale {site.locale!r} not in {SUPPORTED_LOCALES}")
    zoneinfo.ZoneInfo(site.timezone)
    return site


def load_sites(path: str | None, default: str) -> SiteMap:
    """Load editions from TOML (bundled file when ``path`` is None)."""
    file = Path(path) if path else BUNDLED_EDITIONS
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    try:
        sites = [_site(code, raw) for code, raw in data.items()]
    except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError) as exc:
        raise ValueError(f"{file}: invalid edition: {exc}") from exc
    return SiteMap(sites, default)
