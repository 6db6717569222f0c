"""Which plugins are enabled on which site, shared by every worker.

A row in ``core_site_plugin`` wins over the edition default. Each change bumps
the ``enablement`` counter in ``core_state``; workers compare that one
integer per request and reload their cache only when it moved, so a toggle
takes effect on the next request everywhere without restart.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.db import DurableSQLiteEngine, transaction
from core.sites import Site, SiteMap
from core.tables import SitePlugin, StateCounter

__all__ = ["Enablement"]

COUNTER = "enablement"


class Enablement:
    """Per-worker cache of enabled plugin sets, keyed by site code."""

    def __init__(
        self, sites: SiteMap, installed: list[str], restricted: set[str], countries: dict[str, tuple[str, ...] | None]
    ) -> None:
        self.sites = sites
        self.installed = installed
        self.restricted = restricted
        self.countries = countries
        self._version: int | None = None
        self._cache: dict[str, frozenset[str]] = {}

    def allowed_on(self, slug: str, site: Site) -> bool:
        """A plugin limited to some countries can never be enabled elsewhere."""
        countries = self.countries.get(slug)
        return countries is None or site.code in countries

    async def version(self) -> int:
        engine = StateCounter._meta.db
        if isinstance(engine, DurableSQLiteEngine):
            value = engine.read_scalar_sync("SELECT value FROM core_state WHERE name = ?", (COUNTER,))
            return int(value or 0)
        row = await StateCounter.select(StateCounter.value).where(StateCounter.name == COUNTER).first()
        return int(row["value"]) if row else 0

    async def enabled(self, site: Site) -> frozenset[str]:
        """Enabled plugin slugs on ``site`` (one small query per request)."""
        version = await self.version()
        if version != self._version:
            self._cache = await self._load()
            self._version = version
        return self._cache.get(site.code, frozenset())

    async def _load(self) -> dict[str, frozenset[str]]:
        rows = await SitePlugin.select(SitePlugin.site, SitePlugin.plugin, SitePlugin.enabled)
        explicit = {(r["site"], r["plugin"]): bool(r["enabled"]) for r in rows}
        result = {}
        for site in self.sites:
            result[site.code] = frozenset(
                slug
                for slug in self.installed
                if self.allowed_on(slug, site) and explicit.get((site.code, slug), site.default_enabled(slug))
            )
        return result

    async def set(self, site: Site, slug: str, enabled: bool) -> None:
        """Record the choice and bump the shared version; never deletes data."""
        if slug not in self.installed:
            raise KeyError(slug)
        if enabled and not self.allowed_on(slug, site):
            raise ValueError(f"plugin {slug} is not available in edition {site.code}")
        key = f"{site.code}:{slug}"
        now = datetime.now(UTC)
        async with transaction(SitePlugin._meta.db):
            existing = await SitePlugin.select(SitePlugin.id).where(SitePlugin.key == key).first()
            if existing:
                await SitePlugin.update({SitePlugin.enabled: enabled, SitePlugin.updated_at: now}).where(
                    SitePlugin.key == key
                )
            else:
                await SitePlugin.insert(
                    SitePlugin(key=key, site=site.code, plugin=slug, enabled=enabled, updated_at=now)
                )
            counter = await StateCounter.select(StateCounter.id).where(StateCounter.name == COUNTER).first()
            if counter:
                await StateCounter.update({StateCounter.value: StateCounter.value + 1}).where(
                    StateCounter.name == COUNTER
                )
            else:
                await StateCounter.insert(StateCounter(name=COUNTER, value=1))
