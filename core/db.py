"""Database engines, table binding and write transactions.

The engine is chosen from ``DATABASE_URL`` before the first query, because
Piccolo tables remember their engine. :func:`configure` binds every table of
every installed Piccolo app to one engine, which also lets tests point an app
at a fresh database file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table

__all__ = ["DurableSQLiteEngine", "bind_tables", "make_engine", "transaction"]


class DurableSQLiteEngine(SQLiteEngine):
    """SQLite engine with per-connection pragmas for health and consent data.

    Piccolo opens one connection per query, so pragmas that are not stored in
    the file (``synchronous``, ``foreign_keys``, busy timeout) must be set on
    every connection. WAL is persistent and set once by :func:`make_engine`.
    """

    async def _prepare(self, connection: aiosqlite.Connection) -> None:
        await connection.execute("PRAGMA foreign_keys = 1")
        await connection.execute("PRAGMA synchronous = FULL")

    async def get_connection(self) -> aiosqlite.Connection:
        connection = await super().get_connection()
        await self._prepare(connection)
        return connection

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: type[Table] | None = None,
    ) -> Any:
        from piccolo.engine.sqlite import dict_factory

        async with aiosqlite.connect(**self.connection_kwargs) as connection:
            await self._prepare(connection)
            connection.row_factory = dict_factory  # type: ignore[assignment]
            async with connection.execute(query, args or []) as cursor:
                await connection.commit()
                return await cursor.fetchall()


def make_engine(database_url: str) -> Engine:  # type: ignore[type-arg]
    """Create the engine for ``sqlite:///path`` or ``postgresql://…`` URLs."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        import sqlite3

        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
        os.chmod(path, 0o600)
        return DurableSQLiteEngine(path=str(path), timeout=15)
    return PostgresEngine(config={"dsn": database_url})


def bind_tables(engine: Engine, tables: Iterable[type[Table]]) -> None:  # type: ignore[type-arg]
    """Point every table at ``engine`` (they cache the first engine they see)."""
    for table in tables:
        table._meta.db = engine


@contextlib.asynccontextmanager
async def transaction(engine: Engine) -> AsyncIterator[Any]:  # type: ignore[type-arg]
    """A write transaction that is safe under concurrency.

    SQLite's default deferred transactions fail with "database is locked" when
    two read-then-write transactions race; ``BEGIN IMMEDIATE`` takes the write
    lock up front and waits (busy timeout) instead.
    """
    if isinstance(engine, SQLiteEngine):
        async with engine.transaction(transaction_type=TransactionType.immediate) as tx:
            yield tx
    else:
        async with engine.transaction() as tx:
            yield tx
