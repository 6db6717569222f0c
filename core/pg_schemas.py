"""Optional PostgreSQL mode: each plugin's tables in a schema named after the plugin.

Off by default (``ENTRAIDE_PG_SCHEMAS=true`` turns it on; PostgreSQL only).
Migrations still create tables where Piccolo puts them (``public``); after
every ``entraide migrate`` core moves each plugin's tables into the schema
``<slug>`` (``ALTER TABLE … SET SCHEMA``), and every connection gets a
``search_path`` listing ``public`` and the plugins' schemas, so queries and
later migrations keep using unqualified names. Trade-offs: docs/plugins.md,
"Tables and migrations".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from piccolo.engine.base import Engine
    from piccolo.table import Table

__all__ = ["move_plugin_tables", "search_path"]

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def search_path(slugs: list[str]) -> str:
    """``public`` first (core, the migration table), then one schema per plugin."""
    return ", ".join(["public", *(_quote(s) for s in sorted(slugs))])


async def move_plugin_tables(engine: Engine, tables_by_slug: dict[str, list[type[Table]]]) -> list[str]:  # type: ignore[type-arg]
    """Create each plugin's schema and move its tables there from ``public``; returns what moved."""
    moved = []
    for slug, tables in sorted(tables_by_slug.items()):
        await engine.run_ddl(f"CREATE SCHEMA IF NOT EXISTS {_quote(slug)}")
        for table in tables:
            name = table._meta.tablename
            if not _IDENTIFIER.match(name):
                raise ValueError(f"plugin {slug}: unexpected table name {name!r}")
            query = f"SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '{name}'"  # noqa: S608 - checked identifier
            rows = await engine.run_ddl(query)
            if rows:
                await engine.run_ddl(f"ALTER TABLE public.{_quote(name)} SET SCHEMA {_quote(slug)}")
                moved.append(f"{name} -> {slug}")
    return moved
