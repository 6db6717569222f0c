"""The test kit: pytest fixtures for core's and any plugin's tests.

Installed as a pytest plugin (entry point ``pytest11: entraide = core.testing``),
so every package installed next to Entraide gets these fixtures with plain
``pytest``. Each test gets a real database: on SQLite a copy of a file
migrated once per session (every installed plugin's migrations applied); on
PostgreSQL (``DATABASE_URL=postgresql://…``) the session's database,
emptied before each test. Apps are built with chosen plugins.

Fixtures: ``make_app``, ``app``, ``client_for``, ``client``, ``signed_in``,
``outbox``, ``database_url``, ``migrated_database``. Helpers: ``make_member``,
``login``, ``post_form``, ``csrf_token``, ``grant_consent``,
``withdraw_consent``, ``run_async``, ``seed_demo``, ``start_campaign``, ``text_of``,
``assert_plugin_contract``. See docs/plugins.md, "Testing".
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from core.app import build_litestar, build_runtime, create_app, piccolo_app_modules
from core.demo_types import DEMO_PASSWORD
from core.settings import Settings, load_settings

__all__ = [
    "CHROMIUM_ARGS",
    "DEMO_PASSWORD",
    "Email",
    "SignedIn",
    "assert_plugin_contract",
    "audit_actions",
    "campaign_counts",
    "chromium",
    "cookie_header",
    "csrf_token",
    "edition_today",
    "grant_consent",
    "login",
    "make_member",
    "outbox",
    "post_form",
    "redis_url",
    "run_async",
    "seed_demo",
    "sent_emails",
    "serve_app",
    "signed_in",
    "sse_events",
    "start_campaign",
    "text_of",
    "withdraw_consent",
]

PG_URL = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""


def _run(awaitable: Any) -> Any:
    """Run a coroutine or any awaitable (Piccolo queries are awaitables, not coroutines)."""

    async def wait() -> Any:
        return await awaitable

    return asyncio.run(wait())


async def _migrate_app(app: Litestar) -> None:
    from core.migrate import migrate

    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))


def _worker_index() -> int:
    """0 without pytest-xdist, else the worker's number (``gw3`` → 3)."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def _worker_pg_url() -> str:
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
        url = _worker_pg_url()
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
        "db_pool_size": 0,
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


async def _truncate_all(app: Litestar) -> None:
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
        settings = msgspec.structs.replace(runtime.settings, database_url="", data_dir="")
        # The modules themselves, not their ids: the pool keeps them alive, so an id is never reused.
        return (tuple(runtime.registry.installed), tuple(extra_plugins or ()), repr(settings))

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
            _run(_truncate_all(app))
            emptied = True
        return app

    yield factory
    for key, app in lent:
        _POOL.give_back(key, app)


@pytest.fixture
def app(make_app: Callable[..., Litestar]) -> Litestar:
    """An app with every installed plugin."""
    return make_app()


@pytest.fixture
def client_for(app: Litestar) -> Iterator[Callable[..., TestClient[Any]]]:
    """``client_for("uk")`` gives a client on ``uk.localhost`` (default app)."""
    with contextlib.ExitStack() as stack:

        def factory(site: str = "fr", target: Litestar | None = None) -> TestClient[Any]:
            client = stack.enter_context(TestClient(target or app, base_url=f"http://{site}.localhost"))
            client.headers["accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"  # like a browser
            return client

        yield factory


@pytest.fixture
def client(client_for: Callable[..., TestClient[Any]]) -> TestClient[Any]:
    """A client on the French (default) edition."""
    return client_for("fr")


def csrf_token(client: TestClient[Any]) -> str:
    """The CSRF token, fetching a page first if the cookie is not set yet."""
    token = client.cookies.get("csrftoken")
    if not token:
        client.get("/login")
        token = client.cookies.get("csrftoken")
    assert token, "no csrftoken cookie"
    return str(token)


def post_form(client: TestClient[Any], url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """POST a form with the CSRF token, like a browser would."""
    payload = {"_csrf_token": csrf_token(client), **(data or {})}
    return client.post(url, data=payload, follow_redirects=False, **kwargs)


def edition_today(code: str = "fr") -> date:
    """Today in an edition's time zone, as the site counts days for entries.

    ``date.today()`` is the machine's day (UTC on CI): between 23:00 and
    midnight UTC it is already tomorrow in Paris, and a test posting
    "today" would be posting yesterday.
    """
    from core.sites import load_sites

    site = load_sites(None, "fr").get(code)
    assert site is not None, f"no edition {code!r}"
    return datetime.now(site.tz).date()


def login(client: TestClient[Any], email: str, password: str = DEMO_PASSWORD) -> Any:
    response = post_form(client, "/login", {"email": email, "password": password})
    assert response.status_code == 303, f"login failed: {response.status_code} {response.text[:300]}"
    return response


def make_member(
    app: Litestar,
    *,
    email: str = "alice@example.org",
    pseudonym: str = "Alice",
    site: str = "fr",
    role: str = "member",
    consents: tuple[str, ...] = ("core.terms", "core.health_data"),
    birth_year: int = 1980,
    pro_verified: bool = False,
) -> int:
    """Create a member directly (fast path, password ``DEMO_PASSWORD``).

    ``role="pro", pro_verified=True`` makes a health professional whose
    licence an operator verified.
    """
    from core import consent
    from core.identity.validation import normalise_pseudonym
    from core.tables import Member

    rt = app.state.entraide

    async def create() -> int:
        member = Member(
            email=email,
            email_verified=True,
            pseudonym=pseudonym,
            pseudonym_key=normalise_pseudonym(pseudonym),
            password_hash=_demo_hash(),
            birth_year=birth_year,
            site=site,
            role=role,
            pro_verified=pro_verified,
            created_at=datetime.now(UTC),
        )
        await member.save()
        for name in consents:
            await consent.record(
                member.id, rt.purposes[name], "grant", site=rt.site(site), language="fr", channel="test"
            )
        return int(member.id)

    return int(_run(create()))


_HASH: dict[str, str] = {}


def _demo_hash() -> str:
    from core.identity.passwords import hash_password

    if "h" not in _HASH:
        _HASH["h"] = hash_password(DEMO_PASSWORD)
    return _HASH["h"]


def run_async(app: Litestar, coro: Any) -> Any:
    """Run a coroutine against the app's database outside a request.

    Tests run without a PostgreSQL pool (``db_pool_size=0``): each query
    connects, so the same app works from the test client's loop and from here.
    """
    return _run(coro)


def seed_demo(app: Litestar) -> Any:
    """Seed the whole demo community (``entraide demo``) into the app's database; the DemoContext."""
    from core.demo import seed

    return _run(seed(app.state.entraide))


def start_campaign(app: Litestar, plugin: str, code: str, *, enable: bool = True, days: int = 30) -> int:
    """Enable a sponsored plugin on an edition and run a campaign from yesterday for ``days``; its id.

    A sponsored plugin's pages and cards exist only while a campaign runs
    (core.sponsorship), so its tests start one the way an operator would.
    """
    from datetime import timedelta

    from core.sponsorship.campaigns import CampaignInput, save_campaign

    rt = app.state.entraide
    site = rt.site(code)
    if enable:
        _run(rt.enablement.set(site, plugin, True))
    today = datetime.now(site.tz).date()
    start, end = today - timedelta(days=1), today + timedelta(days=days)
    values = CampaignInput(plugin, code, f"{plugin} test", None, start, end)
    return int(_run(save_campaign(values)))


def campaign_counts(app: Litestar, campaign_id: int) -> dict[str, tuple[int, int]]:
    """A campaign's counts so far by slot, all days together: ``{slot: (impressions, clicks)}``."""
    from core.sponsorship.tally import daily_counts

    _run(app.state.entraide.tally.flush())
    found: dict[str, tuple[int, int]] = {}
    for row in _run(daily_counts(campaign_id)):
        seen, clicked = found.get(row["slot"], (0, 0))
        found[row["slot"]] = (seen + row["impressions"], clicked + row["clicks"])
    return found


def sent_emails(app: Litestar, to: str) -> list[dict[str, Any]]:
    """E-mails the outbox holds for an address, oldest first (``subject``, ``body``)."""
    from core.tables import OutboxEmail

    query = OutboxEmail.select(OutboxEmail.subject, OutboxEmail.body).where(OutboxEmail.to_email == to)
    return list(_run(query.order_by(OutboxEmail.id)))


def text_of(html: str) -> str:
    """Visible text of an HTML page (tags removed, whitespace folded)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve_app(app: Litestar) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread (for streams: the test client buffers whole bodies).

    Yields the base URL (``http://127.0.0.1:<port>``); send a ``Host`` header
    to pick the edition. Close open streams before leaving the block.
    """
    import threading
    import time

    import uvicorn

    config = uvicorn.Config(
        app, host="127.0.0.1", port=free_port(), log_level="warning", lifespan="on", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


def cookie_header(client: TestClient[Any]) -> str:
    """The test client's cookies as a ``Cookie`` header (to reuse a session on a served app)."""
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """Parse server-sent events from response lines: ``(event, data)``; comments give ``("", "")``."""
    event, data = "message", []
    for line in lines:
        if line.startswith(":"):
            yield "", ""
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif not line.strip() and data:
            yield event, "\n".join(data)
            event, data = "message", []


def audit_actions(app: Litestar) -> list[str]:
    """Actions written to core's audit log so far, oldest first (e.g. "classifieds.ad.hidden")."""
    from core.tables import AuditEntry

    rows = _run(AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id))
    return [str(r["action"]) for r in rows]


# The rest of the kit; imported here so that pytest finds the fixtures in this plugin module.
from core.testing_browser import CHROMIUM_ARGS, chromium  # noqa: E402
from core.testing_kit import (  # noqa: E402
    Email,
    SignedIn,
    assert_plugin_contract,
    grant_consent,
    outbox,
    signed_in,
    withdraw_consent,
)


@pytest.fixture
def redis_url() -> str:
    """``REDIS_URL`` for tests needing a real Redis: skipped without it, failed under ``ENTRAIDE_REQUIRE_REDIS``."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if os.environ.get("ENTRAIDE_REQUIRE_REDIS"):
            pytest.fail("REDIS_URL is required here (ENTRAIDE_REQUIRE_REDIS=1): start redis-server")
        pytest.skip("set REDIS_URL=redis://127.0.0.1:6379/0 to run the Redis tests (.ci/run does)")
    # pytest-xdist workers use databases two apart (some tests use the next one as "another").
    base, _, number = url.rpartition("/")
    return f"{base}/{int(number or 0) + 2 * _worker_index()}"
