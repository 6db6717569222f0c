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

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from core.demo_types import DEMO_PASSWORD

__all__ = [
    "CHROMIUM_ARGS",
    "DEMO_PASSWORD",
    "PG_URL",
    "Email",
    "SignedIn",
    "assert_plugin_contract",
    "audit_actions",
    "campaign_counts",
    "chromium",
    "cookie_header",
    "csrf_token",
    "database_url",
    "edition_today",
    "grant_consent",
    "login",
    "make_app",
    "make_member",
    "migrated_database",
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
    "worker_pg_url",
]

from core.testing_db import (  # the fixtures must be names of this plugin module
    PG_URL,
    _run,
    database_url,
    make_app,
    migrated_database,
    worker_index,
    worker_pg_url,
)


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

    On PostgreSQL each test client's loop has its own pool and this loop has
    none (:class:`core.db.LoopPoolPostgresEngine`): queries from here connect
    each time, so the same app works from both.
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
    return f"{base}/{int(number or 0) + 2 * worker_index()}"
