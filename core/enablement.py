"""Which plugins are enabled on which site, shared by every worker.

A row in ``core_site_plugin`` wins over the edition default. Each change bumps
the ``enablement`` counter in ``core_state``; workers compare that one
integer per request and reload their cache only when it moved, so a toggle
takes effect on the next request everywhere without restart.

On SQLite (one host by nature) the check is cheaper still: after each change
commits, the new counter is also written to a stamp file next to the
database (:class:`core.stamp.Stamp`, read through a memory map); a worker
whose cached version equals the stamp skips the query. Only writers of the
counter write the stamp, so it is never older than a committed change it
could hide.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from core.db import DurableSQLiteEngine, transaction
from core.sites import Site, SiteMap
from core.stamp import Stamp
from core.tables import SitePlugin, StateCounter

__all__ = ["Enablement"]

COUNTER = "enablement"


class Enablement:
    """Per-worker cache of enabled plugin sets, keyed by site code."""

    def __init__(
        self,
        sites: SiteMap,
        installed: list[str],
        restricted: set[str],
        countries: dict[str, tuple[str, ...] | None],
        sponsored: set[str] | None = None,
    ) -> None:
        self.sites = sites
        self.installed = installed
        self.restricted = restricted
        self.sponsored = sponsored or set()
        self.countries = countries
        self._version: int | None = None
        self._stamp_looked_up = False
        self._stamp_file: Stamp | None = None
        self._cache: dict[str, frozenset[str]] = {}

    def allowed_on(self, slug: str, site: Site) -> bool:
        """A plugin limited to some countries can never be enabled elsewhere."""
        countries = self.countries.get(slug)
        return countries is None or site.code in countries

    def default_on(self, slug: str, site: Site) -> bool:
        """Whether ``slug`` is enabled on ``site`` before any operator choice.

        Sponsored plugins start disabled everywhere; a restricted plugin is
        never switched on by an edition's ``"all"``, only when the edition
        lists it by name (operator configuration) or an operator enables it.
        """
        if slug in self.sponsored:
            return False
        if slug in self.restricted:
            return site.plugins != "all" and slug in site.plugins
        return site.default_enabled(slug)

    async def version(self) -> int:
        engine = StateCounter._meta.db
        if isinstance(engine, DurableSQLiteEngine):
            value = engine.read_scalar_sync("SELECT value FROM core_state WHERE name = ?", (COUNTER,))
            return int(value or 0)
        row = await StateCounter.select(StateCounter.value).where(StateCounter.name == COUNTER).first()
        return int(row["value"]) if row else 0

    def _stamp(self) -> Stamp | None:
        if not self._stamp_looked_up:
            engine = StateCounter._meta.db
            if isinstance(engine, DurableSQLiteEngine):
                self._stamp_file = Stamp(Path(f"{engine.path}.enablement"))
            self._stamp_looked_up = True
        return self._stamp_file

    def _read_stamp(self) -> int | None:
        stamp = self._stamp()
        return None if stamp is None else stamp.read()

    def _write_stamp(self, version: int) -> None:
        stamp = self._stamp()
        if stamp is not None:
            stamp.write(version)

    @asynccontextmanager
    async def bumping(self) -> AsyncIterator[None]:
        """A write transaction that also moves the enablement counter (every worker reloads).

        For changes that decide whether a plugin exists on an edition without a
        ``core_site_plugin`` row changing, such as a sponsored campaign's dates:
        workers key what they cache about them on the counter (:attr:`seen_version`).
        """
        async with transaction(StateCounter._meta.db):
            yield
            version = await _bump_counter()
        self._write_stamp(version)  # after the commit: a new stamp always means a committed change

    @property
    def seen_version(self) -> int | None:
        """The counter this worker's cache was loaded at (fresh after :meth:`enabled` in this request)."""
        return self._version

    async def ensure_stamp(self) -> None:
        """Write the stamp at start-up, serialised with writers (SQLite only)."""
        if self._stamp() is None:
            return
        async with transaction(StateCounter._meta.db):
            row = await StateCounter.select(StateCounter.value).where(StateCounter.name == COUNTER).first()
            self._write_stamp(int(row["value"]) if row else 0)

    async def enabled(self, site: Site) -> frozenset[str]:
        """Enabled plugin slugs on ``site`` (a stamp read or one small query per request)."""
        if self._version is not None and self._read_stamp() == self._version:
            return self._cache.get(site.code, frozenset())
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
                if self.allowed_on(slug, site) and explicit.get((site.code, slug), self.default_on(slug, site))
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
        async with self.bumping():
            existing = await SitePlugin.select(SitePlugin.id).where(SitePlugin.key == key).first()
            if existing:
                await SitePlugin.update({SitePlugin.enabled: enabled, SitePlugin.updated_at: now}).where(
                    SitePlugin.key == key
                )
            else:
                await SitePlugin.insert(
                    SitePlugin(key=key, site=site.code, plugin=slug, enabled=enabled, updated_at=now)
                )


async def _bump_counter() -> int:
    """Add one to the shared counter, inside the caller's transaction; the new value."""
    counter = await StateCounter.select(StateCounter.id).where(StateCounter.name == COUNTER).first()
    if counter:
        await StateCounter.update({StateCounter.value: StateCounter.value + 1}).where(StateCounter.name == COUNTER)
    else:
        await StateCounter.insert(StateCounter(name=COUNTER, value=1))
    row = await StateCounter.select(StateCounter.value).where(StateCounter.name == COUNTER).first()
    return int(row["value"]) if row else 0  # read in the transaction, not on another connection
