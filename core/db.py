"""Database engines, table binding and write transactions.

The engine is chosen from ``DATABASE_URL`` before the first query, because
Piccolo tables remember their engine. :func:`configure` binds every table of
every installed Piccolo app to one engine, which also lets tests point an app
at a fresh database file.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table

from core.files import private_dir

__all__ = ["DurableSQLiteEngine", "LoopPoolPostgresEngine", "bind_tables", "make_engine", "transaction"]


class DurableSQLiteEngine(SQLiteEngine):
    """SQLite engine with durable pragmas and a small pool of open connections.

    Piccolo opens a new connection (and thread) per query by default, which
    dominates the cost of a page. Queries outside transactions here borrow
    one of a few long-lived connections instead; each runs in autocommit
    mode, so in WAL mode it always sees the latest committed data.
    Per-connection pragmas (``synchronous=FULL`` for health and consent
    data, ``foreign_keys``) are set once when a connection is opened.
    Transactions keep using a dedicated connection each.
    """

    POOL_SIZE = 4

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._idle: list[aiosqlite.Connection] = []
        self._sync: sqlite3.Connection | None = None

    async def _prepare(self, connection: aiosqlite.Connection) -> None:
        await connection.execute("PRAGMA foreign_keys = 1")
        await connection.execute("PRAGMA synchronous = FULL")
        # Deleted rows are overwritten with zeros, not left readable in free pages (erasure).
        await connection.execute("PRAGMA secure_delete = ON")

    async def get_connection(self) -> aiosqlite.Connection:
        connection = await super().get_connection()
        await self._prepare(connection)
        return connection

    async def _borrow(self) -> aiosqlite.Connection:
        if self._idle:
            return self._idle.pop()
        from piccolo.engine.sqlite import dict_factory

        pending = aiosqlite.connect(**self.connection_kwargs)
        # Pooled connections outlive event loops (tests, CLI): their worker
        # thread must not keep the process alive at exit.
        pending._thread.daemon = True
        connection = await pending
        connection.row_factory = dict_factory  # type: ignore[assignment]
        await self._prepare(connection)
        return connection

    async def _give_back(self, connection: aiosqlite.Connection) -> None:
        if len(self._idle) < self.POOL_SIZE and connection.in_transaction is False:
            self._idle.append(connection)
        else:
            await connection.close()

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: type[Table] | None = None,
    ) -> Any:
        connection = await self._borrow()
        try:
            async with connection.execute(query, args or []) as cursor:
                rows = await cursor.fetchall()
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        await self._give_back(connection)
        return rows

    def read_scalar_sync(self, sql: str, params: tuple[Any, ...]) -> Any:
        """One tiny read on a private sync connection, for per-request checks.

        Reading one row costs microseconds in SQLite; hopping to a worker
        thread costs far more, so the hot per-request version check reads
        synchronously. Never use this for anything but single-row reads.
        """
        if self._sync is None:
            self._sync = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._sync.execute("PRAGMA secure_delete = ON")
        row = self._sync.execute(sql, params).fetchone()
        return row[0] if row else None

    async def checkpoint(self, attempts: int = 20) -> bool:
        """Copy the WAL into the database and truncate it to zero bytes.

        After an erasure the WAL still holds earlier versions of the pages
        (with the erased rows) until the next checkpoint; TRUNCATE removes
        them from the disk now. Retries while other connections read.

        Returns:
            Whether the WAL was fully checkpointed and truncated.
        """
        connection = await self._borrow()
        try:
            for _ in range(attempts):
                async with connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                    row = await cursor.fetchone()
                busy = row.get("busy") if isinstance(row, dict) else (row[0] if row else 1)
                if not busy:
                    return True
                await asyncio.sleep(0.05)
            return False
        finally:
            await self._give_back(connection)

    async def close_idle(self) -> None:
        """Close pooled connections (app shutdown, tests)."""
        while self._idle:
            await self._idle.pop().close()


class LoopPoolPostgresEngine(PostgresEngine):
    """PostgreSQL engine whose connection pool belongs to the event loop that started it.

    asyncpg connections (and so pools) work only on the event loop that
    opened them. A served app has one loop per worker, so this changes
    nothing there; but a process that runs an app on several loops one after
    another or side by side (the test suite: each test client runs the app's
    lifespan on its own loop, tests query from ``asyncio.run``) would otherwise
    need a new connection, ≈ 15 ms, for every query. Here each loop's lifespan
    starts and closes its own pool, and a loop without one (a CLI's or a
    test's ``asyncio.run``) opens a connection per query, as Piccolo does
    without a pool.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._pools: dict[asyncio.AbstractEventLoop, Any] = {}
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def pool(self) -> Any:
        """The running loop's pool, if it started one."""
        try:
            return self._pools.get(asyncio.get_running_loop())
        except RuntimeError:  # no running loop: no pool to use
            return None

    @pool.setter
    def pool(self, value: Any) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # Piccolo's __init__ sets ``pool = None`` outside any loop
            return
        if value is None:
            self._pools.pop(loop, None)
        else:
            # Pools left by loops that ended without closing them are dropped (their sockets close with them).
            for ended in [other for other in self._pools if other.is_closed()]:
                del self._pools[ended]
            self._pools[loop] = value


def make_engine(database_url: str, search_path: str | None = None) -> Engine:  # type: ignore[type-arg]
    """Create the engine for ``sqlite:///path`` or ``postgresql://…`` URLs.

    Args:
        database_url: Where the data lives.
        search_path: PostgreSQL only: the connections' ``search_path``
            (per-plugin schema mode, :mod:`core.pg_schemas`).
    """
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        if not path.parent.is_dir():
            private_dir(path.parent)
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
        os.chmod(path, 0o600)
        return DurableSQLiteEngine(path=str(path), timeout=15)
    if search_path:
        return LoopPoolPostgresEngine(config={"dsn": database_url, "server_settings": {"search_path": search_path}})
    return LoopPoolPostgresEngine(config={"dsn": database_url})


def bind_tables(engine: Engine, tables: Iterable[type[Table]]) -> None:  # type: ignore[type-arg]
    """Point every table at ``engine`` (they cache the first engine they see)."""
    for table in tables:
        table._meta.db = engine


@contextlib.asynccontextmanager
async def transaction(engine: Engine | None = None) -> AsyncIterator[Any]:  # type: ignore[type-arg]
    """A write transaction that is safe under concurrency.

    SQLite's default deferred transactions fail with "database is locked" when
    two read-then-write transactions race; ``BEGIN IMMEDIATE`` takes the write
    lock up front and waits (busy timeout) instead.

    Args:
        engine: The database engine (default: the current application's).
    """
    if engine is None:
        from core.context import active_runtime

        engine = active_runtime().engine
    if isinstance(engine, SQLiteEngine):
        async with engine.transaction(transaction_type=TransactionType.immediate) as tx:
            yield tx
    else:
        async with engine.transaction() as tx:
            yield tx
