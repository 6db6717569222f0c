"""The test kit's databases and applications: one database per test, built apps reused.

Re-exported by :mod:`core.testing` (the ``entraide`` pytest plugin). On SQLite
each test gets a copy of a file migrated once per session; on PostgreSQL
(``DATABASE_URL=postgresql://…``) each pytest-xdist worker gets its own
database, emptied of what the previous test wrote.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import msgspec
import pytest
from litestar import Litestar, Router

from core.app import build_litestar, build_runtime, create_app, piccolo_app_modules
from core.settings import Settings, load_settings

__all__ = ["PG_URL", "database_url", "make_app", "migrated_database", "worker_index", "worker_pg_url"]

PG_URL = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""


class _KitLoop(threading.local):
    """The event loop on which the test kit (and tests, via ``run_async``) run queries, one per thread.

    One loop for the whole session rather than ``asyncio.run``'s new loop
    each time, so that on PostgreSQL the kit keeps one small connection
    pool (asyncpg pools belong to a loop) instead of connecting, ≈ 15 ms,
    for every query a test makes outside its test client.
    """

    loop: asyncio.AbstractEventLoop | None = None
    pooled: Any = None  # the engine whose pool is open on this loop

    def run(self, awaitable: Any) -> Any:
        if self.loop is None:
            self.loop = asyncio.new_event_loop()

        async def wait() -> Any:
            await self._pool_for_latest_app()
            return await awaitable

        try:
            return self.loop.run_until_complete(wait())
        finally:
            self._cancel_leftovers()

    async def _pool_for_latest_app(self) -> None:
        """Open a pool for the engine the tables are bound to now, closing the previous test's."""
        if not PG_URL:
            return
        from core.context import active_runtime
        from core.db import LoopPoolPostgresEngine

        with contextlib.suppress(RuntimeError):  # no app built yet
            engine = active_runtime().engine
            if engine is self.pooled or not isinstance(engine, LoopPoolPostgresEngine):
                return
            if self.pooled is not None and self.pooled.pool is not None:
                await self.pooled.close_connection_pool()
            await engine.start_connection_pool(min_size=1, max_size=2)
            self.pooled = engine

    def _cancel_leftovers(self) -> None:
        """Cancel tasks a test left running, as ``asyncio.run`` would when its loop ends."""
        assert self.loop is not None
        pending = [task for task in asyncio.all_tasks(self.loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


_KIT_LOOP = _KitLoop()


def _run(awaitable: Any) -> Any:
    """Run a coroutine or any awaitable (Piccolo queries are awaitables, not coroutines) on the kit's loop."""
    return _KIT_LOOP.run(awaitable)


async def _migrate_app(app: Litestar) -> None:
    from core.migrate import migrate

    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))


def worker_index() -> int:
    """0 without pytest-xdist, else the worker's number (``gw3`` → 3)."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def worker_pg_url() -> str:
    """This pytest-xdist worker's own PostgreSQL database (``<name>_gw1``): workers never share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return PG_URL
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{worker}"))


def _recreate_pg_database(url: str) -> None:
    """Drop and create the database of ``url``, connected to ``PG_URL``'s (the role needs CREATEDB)."""
    import asyncpg

    name = urlsplit(url).path.lstrip("/")

    async def run() -> None:
        conn = await asyncpg.connect(PG_URL)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a database with every installed plugin's migrations applied."""
    if PG_URL:
        url = worker_pg_url()
        if url != PG_URL:
            _recreate_pg_database(url)
        app = create_app(_settings(url, tmp_path_factory.mktemp("data")))
        _run(_migrate_app(app))
        return url
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    app = create_app(_settings(f"sqlite:///{path}", tmp_path_factory.mktemp("data")))
    _run(_migrate_app(app))
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return f"sqlite:///{path}"


def _settings(url: str, data_dir: Path, **overrides: Any) -> Settings:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
    values: dict[str, Any] = {
        "database_url": url,
        "data_dir": str(data_dir),
        "email_backend": "file",
        "demo": True,
        # Each test client's lifespan opens (and closes) a pool on its own loop: core.db.LoopPoolPostgresEngine.
        "db_pool_size": 2,
    }
    paths = os.environ.get("ENTRAIDE_PLUGIN_PATHS", "")
    if paths:  # plugins under development load in tests as they do in the app
        values["plugin_paths"] = [p.strip() for p in paths.split(",") if p.strip()]
    values.update(overrides)
    return load_settings(env, cwd=data_dir, **values)


# Empties only the tables a test wrote and restarts only the sequences it used, in one
# round trip: TRUNCATE of every table before every test cost 0.2-1 s on PostgreSQL.
_RESET_SQL = """
DO $reset$
DECLARE
  t text;
  has_rows boolean;
  dirty text[] := '{}';
  s record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migration' LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', t) INTO has_rows;
    IF has_rows THEN
      dirty := dirty || format('public.%I', t);
    END IF;
  END LOOP;
  IF array_length(dirty, 1) > 0 THEN
    EXECUTE 'TRUNCATE ' || array_to_string(dirty, ', ') || ' CASCADE';
  END IF;
  FOR s IN SELECT schemaname, sequencename FROM pg_sequences
           WHERE schemaname = 'public' AND last_value IS NOT NULL LOOP
    EXECUTE format('ALTER SEQUENCE %I.%I RESTART', s.schemaname, s.sequencename);
  END LOOP;
END
$reset$;
"""


async def _empty_database(app: Litestar) -> None:
    """Give the test an empty PostgreSQL database (tables and identities as after migrating)."""
    await app.state.entraide.engine.run_ddl(_RESET_SQL)


@pytest.fixture
def database_url(migrated_database: str, tmp_path: Path) -> str:
    """A fresh, migrated database for this test."""
    if PG_URL:
        return migrated_database
    target = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database.removeprefix("sqlite:///"), target)
    target.chmod(0o600)
    return f"sqlite:///{target}"


class _AppPool:
    """Litestar applications kept between tests, one per plugin set and settings.

    Building an application's routes is most of what a test cost (Litestar
    copies and inspects every handler of every plugin); the runtime that
    holds the database, caches and plugin registry is cheap. A test gets a
    fresh runtime on its own database every time, and an application built
    by an earlier test with the same plugins and settings (apart from the
    database and data folder) when one is free; two apps asked for in one
    test are always two different applications.
    """

    LIMIT = 24

    def __init__(self) -> None:
        self._free: dict[tuple[Any, ...], Litestar] = {}

    @staticmethod
    def key(runtime: Any, extra_plugins: list[ModuleType] | None) -> tuple[Any, ...]:
        """What the built application depends on: plugins, settings and every route's function.

        The routes count because a test may give a plugin a handler of its own
        (a function defined in the test) before building the app. Modules and
        functions are in the key themselves, not their ids: the pool keeps
        them alive, so no other object can take their id.
        """
        settings = msgspec.structs.replace(runtime.settings, database_url="", data_dir="")
        routes: list[tuple[str, str, Any]] = []
        for slug, handlers in runtime.registry.collect("register_routes"):
            for value in handlers:
                if isinstance(value, Router):
                    for route in value.routes:
                        leaves = getattr(route, "route_handlers", None) or [getattr(route, "route_handler", None)]
                        routes.extend((slug, route.path, getattr(leaf, "fn", leaf)) for leaf in leaves)
                else:
                    routes.append((slug, "", getattr(value, "fn", value)))
        return (tuple(runtime.registry.installed), tuple(extra_plugins or ()), repr(settings), tuple(routes))

    def take(self, key: tuple[Any, ...]) -> Litestar | None:
        return self._free.pop(key, None)

    def give_back(self, key: tuple[Any, ...], app: Litestar) -> None:
        if len(self._free) >= self.LIMIT:
            self._free.pop(next(iter(self._free)))
        self._free[key] = app


_POOL = _AppPool()


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Litestar]]:
    """Build an app on this test's database: ``make_app(plugins=[...], **settings)``."""
    emptied = False
    lent: list[tuple[tuple[Any, ...], Litestar]] = []

    def factory(
        plugins: list[str] | None = None, extra_plugins: list[ModuleType] | None = None, **overrides: Any
    ) -> Litestar:
        nonlocal emptied
        data_dir = tmp_path / "data"
        data_dir.mkdir(exist_ok=True)
        runtime = build_runtime(
            _settings(database_url, data_dir, **overrides), plugins=plugins, extra_plugins=extra_plugins
        )
        key = _POOL.key(runtime, extra_plugins)
        app = _POOL.take(key)
        if app is None:
            app = build_litestar(runtime)
        else:
            app.state.entraide = runtime
        lent.append((key, app))
        if PG_URL and not emptied:
            _run(_empty_database(app))
            emptied = True
        return app

    yield factory
    for key, app in lent:
        _POOL.give_back(key, app)
