"""Framework overhead: Entraide pages vs bare Litestar doing the same work.

Two pairs, measured in one process, alternately, through an in-process ASGI
client, so machine noise hits both sides equally (read the ratios, not the
milliseconds):

1. the anonymous home page of the French edition, every installed plugin
   enabled, vs a bare Litestar handler rendering the same template with the
   same context (same HTML, byte for byte, except nothing);
2. the signed-in Health Box dashboard (Camille, demo data) vs a bare Litestar
   handler that runs the same SQL statements (session look-up, consent,
   badges, entries, settings: recorded from one Entraide request and replayed
   through the same engine) and renders the same template and context.

Both sides get the same requests (host, cookies), so the in-process
client does the same work for both. What remains is Entraide's own cost: edition and host checks, CSRF,
enablement, plugin hooks, context building, and its security headers (which
the client parses too: a second home figure has the bare handler send them as
well; a third times the two server applications only, without the client).
Targets: home <= 1.25x, dashboard <= 1.3x. The last line is
``ratio <x>x`` for the home page, against the bare handler without the headers.
Run: ``uv run python bench/plugin_overhead.py [--requests N] [--no-dashboard]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import pstats
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import jinja2
from litestar import Litestar, Request, Response, get
from litestar.enums import MediaType

from core.app import create_app, piccolo_app_modules
from core.demo import seed
from core.demo_types import DEMO_PASSWORD
from core.migrate import migrate
from core.settings import load_settings


class Recorder:
    """Records the page template's context and the SQL of one request."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.active = False
        self.template: jinja2.Template | None = None
        self.context: dict[str, Any] = {}
        self.queries: list[tuple[str, list[Any] | None]] = []
        self._run = engine._run_in_new_connection
        engine._run_in_new_connection = self._record_query
        self._render = jinja2.Template.render
        recorder = self

        def render(template: jinja2.Template, *args: Any, **kwargs: Any) -> str:
            if recorder.active and template.name == recorder.wanted:
                recorder.template, recorder.context = template, dict(*args, **kwargs)
            return recorder._render(template, *args, **kwargs)

        self.wanted = ""
        jinja2.Template.render = render  # type: ignore[method-assign]

    async def _record_query(self, query: str, args: list[Any] | None = None, *rest: Any, **kw: Any) -> Any:
        if self.active:
            self.queries.append((query, args))
        return await self._run(query, args, *rest, **kw)

    async def capture(self, client: httpx.AsyncClient, path: str, template: str) -> tuple[Any, dict[str, Any], list]:
        self.wanted, self.active, self.queries = template, True, []
        response = await client.get(path)
        self.active = False
        assert response.status_code == 200 and self.template is not None, (path, response.status_code)
        return self.template, self.context, list(self.queries)


def bare_app(
    pages: dict[str, tuple[Any, dict[str, Any], list]], run_query: Any, headers: dict[str, str] | None = None
) -> Litestar:
    """One plain Litestar handler per page: replay its SQL, render its template with its context.

    The context is the recorded one but for ``request``: a handler renders
    with the request it is answering (the template reads ``request.url``,
    which Litestar parses once per request). ``headers``: response headers
    to send too (Entraide's security headers, for the second home figure).
    """

    def page(path: str, template: Any, context: dict[str, Any], queries: list) -> Any:
        async def handler(request: Request[Any, Any, Any]) -> Response[str]:
            for query, args in queries:
                await run_query(query, args)
            html = template.render({**context, "request": request})
            return Response(html, media_type=MediaType.HTML, headers=headers)

        return get(path, name=path)(handler)

    return Litestar([page(path, *recorded) for path, recorded in pages.items()])


async def timed(client: httpx.AsyncClient, path: str, n: int) -> list[float]:
    """CPU seconds this process (all its threads, SQLite's included) spent per request.

    CPU time rather than wall time: on a shared machine other processes'
    load stretches wall time at random, not the work a request costs.
    """
    samples = []
    for _ in range(n):
        start = time.process_time()
        response = await client.get(path)
        samples.append(time.process_time() - start)
        assert response.status_code == 200, (path, response.status_code)
    return samples


async def signed_in(app: Litestar) -> httpx.AsyncClient:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fr.localhost")
    await client.get("/login")
    data = {
        "email": "camille@demo.entraide.test",
        "password": DEMO_PASSWORD,
        "_csrf_token": client.cookies["csrftoken"],
    }
    assert (await client.post("/login", data=data)).status_code == 303
    return client


async def compare(label: str, ours: httpx.AsyncClient, theirs: httpx.AsyncClient, path: str, n: int) -> float:
    await timed(ours, path, 30)
    await timed(theirs, path, 30)
    size_ours, size_theirs = len((await ours.get(path)).content), len((await theirs.get(path)).content)
    a: list[float] = []
    b: list[float] = []
    for _ in range(10):  # interleaved rounds: drift hits both
        a += await timed(ours, path, n // 10)
        b += await timed(theirs, path, n // 10)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{label}: Entraide {ma * 1000:.2f} ms ({size_ours} B), bare {mb * 1000:.2f} ms ({size_theirs} B)")
    return ma / mb


async def compare_servers(
    label: str, apps: tuple[Litestar, Litestar], clients: tuple[httpx.AsyncClient, httpx.AsyncClient], path: str, n: int
) -> float:
    """Like :func:`compare`, timing only inside each application (process CPU time of the ASGI call).

    The client's work (building requests, parsing responses, the same on both
    sides) is left out: the stricter measure of Entraide's own cost. The
    timers are installed for this comparison only.
    """
    samples: tuple[list[float], list[float]] = ([], [])
    handlers = [app.asgi_handler for app in apps]

    def timer(inner: Any, sink: list[float]) -> Any:
        async def timed_app(scope: Any, receive: Any, send: Any) -> None:
            start = time.process_time()
            try:
                await inner(scope, receive, send)
            finally:
                sink.append(time.process_time() - start)

        return timed_app

    for app, handler, sink in zip(apps, handlers, samples, strict=True):
        app.asgi_handler = timer(handler, sink)
    try:
        for _ in range(10):
            await timed(clients[0], path, n // 10)
            await timed(clients[1], path, n // 10)
    finally:
        for app, handler in zip(apps, handlers, strict=True):
            app.asgi_handler = handler
    ma, mb = statistics.median(samples[0]), statistics.median(samples[1])
    print(f"{label}: Entraide {ma * 1000:.2f} ms, bare {mb * 1000:.2f} ms")
    return ma / mb


async def profile(client: httpx.AsyncClient, path: str, n: int) -> None:
    """Where Entraide's time goes on ``path``: the 25 functions with the most own time (cProfile)."""
    profiler = cProfile.Profile(time.process_time)  # CPU time, as the comparison measures
    profiler.enable()
    await timed(client, path, n)
    profiler.disable()
    print(f"--- profile of {n} requests to {path} (own time, then cumulative) ---")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(r"core|litestar/(middleware|_asgi|routes)", 40)


async def main(requests: int, dashboard: bool, profile_path: str | None = None) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    tmp = Path(tempfile.mkdtemp())
    settings = load_settings({}, cwd=tmp, database_url=f"sqlite:///{tmp / 'bench.sqlite3'}", data_dir=str(tmp))
    app = create_app(settings)
    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))
    await rt.enablement.ensure_stamp()
    if dashboard:
        await seed(rt)
    recorder = Recorder(rt.engine)
    anonymous = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fr.localhost")
    await timed(anonymous, "/", 20)  # templates compiled, caches filled
    pages = {"/": await recorder.capture(anonymous, "/", "core/pages/home.html")}
    member = await signed_in(app) if dashboard else None
    if member is not None:
        await timed(member, "/healthbox/", 20)
        pages["/healthbox/"] = await recorder.capture(member, "/healthbox/", "healthbox/pages/dashboard.html")
    # The bare side gets the very same requests (host, cookies): the client's work is then equal on both
    # sides and what differs is the server's (httpx's cookie jar alone costs ~0.05 ms per request).
    bare_litestar = bare_app(pages, recorder._run)
    bare_asgi = httpx.ASGITransport(app=bare_litestar)
    bare = httpx.AsyncClient(transport=bare_asgi, base_url="http://fr.localhost", cookies=anonymous.cookies)
    bare_member = (
        httpx.AsyncClient(transport=bare_asgi, base_url="http://fr.localhost", cookies=member.cookies)
        if member is not None
        else bare
    )
    enabled = sorted(await rt.enablement.enabled(rt.site("fr")))
    print(f"plugins enabled on fr: {', '.join(enabled)}")
    for path, (_, _, queries) in pages.items():
        print(f"{path}: {len(queries)} SQL statements per request (replayed by the bare handler)")
    if profile_path is not None:
        if profile_path.startswith("bare:"):  # the same page from the bare handler, for comparison
            bare_path = profile_path.removeprefix("bare:")
            await profile(bare_member if bare_path.startswith("/healthbox") else bare, bare_path, requests)
        else:
            await profile(
                member if profile_path.startswith("/healthbox") and member else anonymous, profile_path, requests
            )
        return
    if member is not None:
        ratio = await compare("signed-in dashboard", member, bare_member, "/healthbox/", requests // 2)
        print(f"dashboard ratio {ratio:.2f}x (target <= 1.3x)")
    # The same comparison with the bare handler sending Entraide's security headers too: the in-process
    # client parses every response header, so this isolates the server's side from the client's parsing.
    sent = (await anonymous.get("/")).headers
    security = {k: v for k, v in sent.items() if k not in ("content-type", "content-length", "set-cookie", "date")}
    bare_headers = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=bare_app({"/": pages["/"]}, recorder._run, security)),
        base_url="http://fr.localhost",
        cookies=anonymous.cookies,
    )
    same = await compare("anonymous home, bare sending the same headers", anonymous, bare_headers, "/", requests)
    print(f"home ratio with the same response headers on both sides {same:.2f}x ({len(security)} headers)")
    apps = (app, bare_litestar)
    server = await compare_servers("anonymous home, server only", apps, (anonymous, bare), "/", requests)
    print(f"home ratio inside the server applications only {server:.2f}x (no client work on either side)")
    ratio = await compare("anonymous home", anonymous, bare, "/", requests)
    print(f"ratio {ratio:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--no-dashboard", action="store_true", help="skip the demo seeding and the dashboard pair")
    parser.add_argument(
        "--profile", metavar="PATH", help="profile / or /healthbox/ (bare:/ for the bare handler) instead of comparing"
    )
    options = parser.parse_args()
    asyncio.run(main(options.requests, not options.no_dashboard, options.profile))
