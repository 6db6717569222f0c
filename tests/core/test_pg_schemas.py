"""Optional per-plugin PostgreSQL schemas (ENTRAIDE_PG_SCHEMAS): tables move, queries still work."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit, urlunsplit

import pytest

from core.testing import PG_URL, make_member, run_async, worker_pg_url

PG_ONLY = pytest.mark.skipif(not PG_URL, reason="PostgreSQL only: CI runs it in its PostgreSQL pass")


def test_pg_schemas_setting_refuses_sqlite():
    from core.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="need PostgreSQL"):
        load_settings({}, database_url="sqlite:///x.sqlite3", pg_schemas=True)


@contextlib.contextmanager
def _scratch_database():
    import asyncpg

    name = f"{urlsplit(worker_pg_url()).path.lstrip('/')}_schemas"
    admin = PG_URL

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}"'))
    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    parts = urlsplit(PG_URL)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@PG_ONLY
def test_plugin_tables_live_in_their_schema(tmp_path):
    from core.app import create_app, piccolo_app_modules
    from core.migrate import migrate
    from core.testing_db import _settings

    with _scratch_database() as url:
        app = create_app(_settings(url, tmp_path, pg_schemas=True), plugins=["friends"])
        rt = app.state.entraide
        for _ in range(2):  # idempotent: the second run finds nothing to move
            asyncio.run(migrate(rt.engine, piccolo_app_modules(rt.registry), schemas=True))
        rows = asyncio.run(
            rt.engine.run_ddl("SELECT schemaname, tablename FROM pg_tables WHERE tablename LIKE 'friends_%'")
        )
        assert rows and {r["schemaname"] for r in rows} == {"friends"}
        core = asyncio.run(rt.engine.run_ddl("SELECT schemaname FROM pg_tables WHERE tablename = 'core_member'"))
        assert [r["schemaname"] for r in core] == ["public"]
        import importlib

        config = importlib.import_module(rt.registry.module("friends").__name__ + ".piccolo_app").APP_CONFIG
        for table in config.table_classes:  # the ORM's unqualified queries find the plugin's schema
            assert run_async(app, table.count()) == 0, table._meta.tablename
        moved = config.table_classes[0]._meta.tablename
        rows = asyncio.run(rt.engine.run_ddl(f'SELECT COUNT(*) AS n FROM "friends"."{moved}"'))  # noqa: S608
        assert rows[0]["n"] == 0
        assert make_member(app, email="alice@example.org", pseudonym="Alice") > 0  # core tables stay in public
