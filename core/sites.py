"""Sites: the country editions one installation serves.

An edition is configuration (``editions.toml``, or the file named by the
``sites_file`` setting); which plugins are enabled on it lives in the
database (see :mod:`core.enablement`).
"""

from __future__ import annotations

import time
import tomllib
import zoneinfo
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.gazetteer.normalise import place_key

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = ["BUNDLED_EDITIONS", "ForbiddenItem", "LegalPack", "Site", "SiteMap", "host_name", "load_sites", "sites_for"]

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
class LegalPack:
    """What an edition's legal pages name: how to reach the controller and who supervises it.

    Values come from the edition's ``[<code>.legal]`` table; a ``[<code>.legal.<lang>]``
    sub-table overrides them for one language (authority names differ by language).
    """

    contact_email: str = ""
    privacy_email: str = ""
    address: str = ""
    authority: str = ""
    authority_url: str = ""
    law: str = ""
    by_language: tuple[tuple[str, LegalPack], ...] = ()

    def for_language(self, language: str) -> LegalPack:
        """The pack as written in ``language`` (the edition's values where not overridden)."""
        return next((pack for lang, pack in self.by_language if lang == language), self)

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> LegalPack:
        fields = ("contact_email", "privacy_email", "address", "authority", "authority_url", "law")
        unknown = [k for k, v in raw.items() if k not in fields and not isinstance(v, dict)]
        if unknown:
            raise ValueError(f"unknown legal pack keys {unknown}; use {', '.join(fields)}")

        def pack(values: dict[str, Any]) -> LegalPack:
            return cls(**{name: str(values.get(name, "")) for name in fields})  # type: ignore[arg-type]

        scalars = {k: v for k, v in raw.items() if not isinstance(v, dict)}
        languages = tuple((lang, pack({**scalars, **v})) for lang, v in raw.items() if isinstance(v, dict))
        return replace(pack(scalars), by_language=languages)


#: Time zone -> (its current date, the epoch second its next day starts): see :meth:`Site.today`.
_TODAY: dict[str, tuple[date, float]] = {}


@lru_cache(maxsize=64)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


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
        base_url: Where the edition is served, e.g. ``https://entraide.fr``;
            every absolute link the site writes (e-mails, canonical links,
            exports) starts with it, never with the request's ``Host``.
        legal: Contacts and supervisory authority named by the legal pages.
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
    base_url: str = ""
    legal: LegalPack = LegalPack()

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this edition (from configuration only)."""
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return _zone(self.timezone)

    def today(self) -> date:
        """Today's date in the edition's time zone (health records and campaigns count local days).

        Asked on every page of an edition running a sponsored campaign, so the
        date is worked out once per local day: until the next local midnight
        it is one clock read.
        """
        now = time.time()
        kept = _TODAY.get(self.timezone)
        if kept is None or now >= kept[1]:
            zone = self.tz
            day = datetime.fromtimestamp(now, zone).date()
            next_day = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(days=1)
            kept = _TODAY[self.timezone] = (day, next_day.timestamp())
        return kept[0]

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
            "base_url": self.base_url,
        }


class SiteMap:
    """Editions by code and by host; hosts nobody configured are refused.

    Only the hosts listed for an edition (plus the operator's explicit
    ``extra_hosts``, which answer as the default edition) are served: a
    request naming another host must not be answered as some edition, or
    links built from it could point anywhere.
    """

    def __init__(self, sites: list[Site], default: str, extra_hosts: tuple[str, ...] = ()) -> None:
        self.by_code = {s.code: s for s in sites}
        if default not in self.by_code:
            raise ValueError(f"default site {default!r} is not a configured edition")
        self.default = self.by_code[default]
        self.by_host: dict[str, Site] = {h.lower(): self.default for h in extra_hosts}
        for site in sites:
            for host in site.hosts:
                self.by_host[host.lower()] = site

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.by_code.values())

    def get(self, code: str) -> Site | None:
        return self.by_code.get(code)

    def lookup(self, host_header: str | None) -> Site | None:
        """The edition serving a ``Host`` header (port ignored), or None if no edition does."""
        return self.by_host.get(host_name(host_header))

    def resolve(self, host_header: str | None) -> Site:
        """Like :meth:`lookup`, falling back to the default edition (CLI, error pages)."""
        return self.lookup(host_header) or self.default


def host_name(host_header: str | None) -> str:
    """The lower-cased host of a ``Host`` header, without port or final dot."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".")


def _default_base_url(hosts: tuple[str, ...], code: str, *, https: bool, port: int) -> str:
    """``scheme://host[:port]`` from the edition's first named host (development setups)."""
    named = [h for h in hosts if "." in h and not h.replace(".", "").isdigit()]
    host = (named or list(hosts) or [f"{code}.localhost"])[0]
    scheme = "https" if https else "http"
    suffix = "" if (scheme, port) in (("http", 80), ("https", 443)) else f":{port}"
    return f"{scheme}://{host}{suffix}"


def _site(code: str, raw: dict[str, Any], *, https: bool, port: int) -> Site:
    plugins = raw.get("plugins", "all")
    hosts = tuple(raw.get("hosts", [f"{code}.localhost"]))
    base_url = raw.get("base_url") or _default_base_url(hosts, code, https=https, port=port)
    site = Site(
        code=code,
        name=raw["name"],
        hosts=hosts,
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
        base_url=str(base_url).rstrip("/"),
        legal=LegalPack.from_toml(raw.get("legal", {})),
    )
    if not site.base_url.startswith(("http://", "https://")):
        raise ValueError(f"edition {code}: base_url must start with http:// or https://")
    if site.locale not in SUPPORTED_LOCALES:
        raise ValueError(f"edition {code}: locale {site.locale!r} not in {SUPPORTED_LOCALES}")
    zoneinfo.ZoneInfo(site.timezone)
    return site


def load_sites(
    path: str | None,
    default: str,
    *,
    extra_hosts: tuple[str, ...] = (),
    https: bool = False,
    port: int = 8000,
) -> SiteMap:
    """Load editions from TOML (bundled file when ``path`` is None).

    Args:
        path: Editions file, or None for the bundled one.
        default: Code of the edition answering ``extra_hosts``.
        extra_hosts: Further host names to serve (``ENTRAIDE_ALLOWED_HOSTS``).
        https, port: Build the base URL of editions that configure none.
    """
    file = Path(path) if path else BUNDLED_EDITIONS
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    try:
        sites = [_site(code, raw, https=https, port=port) for code, raw in data.items()]
    except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError) as exc:
        raise ValueError(f"{file}: invalid edition: {exc}") from exc
    return SiteMap(sites, default, extra_hosts)


def sites_for(settings: Settings) -> SiteMap:
    """The editions as configured by ``settings`` (file, default, hosts, links)."""
    return load_sites(
        settings.sites_file,
        settings.default_site,
        extra_hosts=tuple(settings.allowed_hosts),
        https=settings.https,
        port=settings.port,
    )
