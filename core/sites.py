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

from core.gazetteer.normalise import place_key

__all__ = ["BUNDLED_EDITIONS", "ForbiddenItem", "Site", "SiteMap", "load_sites"]

BUNDLED_EDITIONS = Path(__file__).with_name("editions.toml")
SUPPORTED_LOCALES = ("fr", "en", "de")


@dataclass(frozen=True)
class ForbiddenItem:
    """One thing the edition's law (or house rule) forbids members to offer.

    Attributes:
        rule: The rule, in the edition's language(s), quoted to the member who
            tries to post such an item.
        keywords: Words or phrases that reveal the item (matched accent- and
            case-insensitively on whole words).
    """

    rule: str
    keywords: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """Whether ``text`` names the item (whole words, accents and case ignored)."""
        padded = f" {place_key(text)} "
        return any(f" {place_key(k)} " in padded for k in self.keywords if k.strip())


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
        plugins_off: Slugs "all" leaves off by default (the demo: classifieds on de).
        country: Gazetteer area: ISO country ("FR", "GB") or "CA-QC".
        currency: ISO 4217 code of prices shown on the edition.
        forbidden_items: What members may not offer (legal pack), e.g. prescription medicines.
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
    plugins_off: tuple[str, ...] = ()
    country: str = ""
    currency: str = "EUR"
    forbidden_items: tuple[ForbiddenItem, ...] = ()

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def forbidden_item(self, *texts: str) -> ForbiddenItem | None:
        """The first legal-pack rule the texts break (None when they break none)."""
        joined = " \n ".join(texts)
        return next((item for item in self.forbidden_items if item.matches(joined)), None)

    def default_enabled(self, slug: str) -> bool:
        if self.plugins == "all":
            return slug not in self.plugins_off
        return slug in self.plugins

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
            "country": self.country,
            "currency": self.currency,
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
        plugins_off=tuple(raw.get("plugins_off", ())),
        country=raw.get("country", code.upper()),
        currency=raw.get("currency", "EUR"),
        forbidden_items=tuple(
            ForbiddenItem(rule=i["rule"], keywords=tuple(i["keywords"])) for i in raw.get("forbidden_items", ())
        ),
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
