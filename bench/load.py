"""Load test: ``entraide serve --workers 2`` on a demo database, 50 members at once.

Seeds the demo (SQLite, in a temporary data folder), starts the real server on
loopback, signs 50 French demo members in, then runs four scenarios one after
the other, each with 50 concurrent clients and a fixed number of requests:

- anonymous home (``GET /``),
- Health Box dashboard (``GET /healthbox/``, signed in),
- a tracker page (``GET /healthbox/weight/``, signed in: chart, table, form),
- entry posting (``POST /healthbox/weight/``: today's weight, replacing the
  member's previous entry of the day and confirming unusual values — the form
  asks for both first, the client says yes).

Reports requests/s, p50/p95/p99 latency and errors (exceptions and unexpected
statuses) as a Markdown table. Bounded: loopback only, a fixed request count
per scenario, a 30 s timeout per request, the server stopped at the end.
Latencies include the client's own cost (same machine): compare rows, not
machines. Run: ``uv run python bench/load.py [--requests 2000] [--clients 50]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from core.demo_types import DEMO_PASSWORD

WEIGHT = "/healthbox/weight/"
TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


@dataclass
class Result:
    """Latencies (seconds) and errors of one scenario."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    why: dict[str, int] = field(default_factory=dict)

    def reasons(self) -> str:
        return " (" + ", ".join(f"{k}: {v}" for k, v in self.why.items()) + ")" if self.why else ""

    def row(self) -> str:
        done = sorted(self.latencies)

        def pct(p: float) -> float:
            return done[min(len(done) - 1, int(p * len(done)))] * 1000 if done else float("nan")

        rate = len(done) / self.seconds if self.seconds else 0.0
        return (
            f"| {self.name} | {len(done) + self.errors} | {rate:.0f} | {pct(0.50):.0f} | {pct(0.95):.0f} "
            f"| {pct(0.99):.0f} | {self.errors}{self.reasons()} |"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(env: dict[str, str]) -> list[str]:
    """Create the demo database; the e-mail addresses of the French edition's members."""
    code = (
        "import asyncio\n"
        "from core.cli import _migrate\n"
        "from core.cli_common import make_app, with_db\n"
        "from core.demo import seed\n"
        "from core.settings import load_settings\n"
        "from core.tables import Member\n"
        "app = make_app(load_settings())\n"
        "async def go():\n"
        "    await _migrate(app)\n"
        "    await seed(app.state.entraide)\n"
        "    rows = await Member.select(Member.email).where(Member.site == 'fr').order_by(Member.id)\n"
        "    print('\\n'.join(r['email'] for r in rows))\n"
        "asyncio.run(with_db(app, go()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return [line for line in out.stdout.splitlines() if line.endswith("@demo.entraide.test")]


async def wait_ready(client: httpx.AsyncClient, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit code {server.returncode})")
        try:
            if (await client.get("/")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.5)
    raise SystemExit("the server did not answer within 120 s")


async def sign_in(base: str, host: str, email: str) -> tuple[httpx.AsyncClient, str] | None:
    """A signed-in client and its session's CSRF token (None when this member cannot use the Health Box)."""
    client = httpx.AsyncClient(base_url=base, headers={"host": host}, timeout=30)
    page = await client.get("/login")
    token = TOKEN.search(page.text)
    data = {"email": email, "password": DEMO_PASSWORD, "_csrf_token": token.group(1) if token else ""}
    if (await client.post("/login", data=data)).status_code != 303:
        await client.aclose()
        return None
    page = await client.get("/healthbox/weight/")
    token = TOKEN.search(page.text)
    if page.status_code != 200 or token is None:  # e.g. no consent to health data
        await client.aclose()
        return None
    return client, token.group(1)


async def run(name: str, clients: list[Any], total: int, request: Any, ok: set[int]) -> Result:
    """``total`` requests spread over the clients, each client one request at a time."""
    result = Result(name)
    left = [total]

    async def worker(client: Any) -> None:
        while left[0] > 0:
            left[0] -= 1
            start = time.perf_counter()
            try:
                response = await request(client)
                elapsed = time.perf_counter() - start
                if response.status_code in ok:
                    result.latencies.append(elapsed)
                    continue
                why = f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                why = exc.__class__.__name__
            result.errors += 1
            result.why[why] = result.why.get(why, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in clients))
    result.seconds = time.perf_counter() - began
    return result


async def main(requests: int, concurrency: int, port: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="entraide-load-"))
    env = {
        **os.environ,
        "ENTRAIDE_DATA_DIR": str(tmp),
        "ENTRAIDE_DEMO": "true",
        "ENTRAIDE_PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp / 'entraide.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    print(f"seeding the demo in {tmp} …", flush=True)
    emails = seed(env)
    entraide = str(Path(sys.executable).with_name("entraide"))
    command = [entraide, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    log = (tmp / "server.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
    base, host = f"http://127.0.0.1:{port}", f"fr.localhost:{port}"
    try:
        probe = httpx.AsyncClient(base_url=base, headers={"host": host}, timeout=30)
        await wait_ready(probe, server)
        signed = [s for s in await asyncio.gather(*(sign_in(base, host, e) for e in emails[: concurrency * 2])) if s]
        members = signed[:concurrency]
        if len(members) < concurrency:
            raise SystemExit(f"only {len(members)} demo members could open the Health Box")
        visitors = [httpx.AsyncClient(base_url=base, headers={"host": host}, timeout=30) for _ in range(concurrency)]
        for visitor in visitors:
            await visitor.get("/")  # the anonymous CSRF cookie, as a returning visitor has
        today = date.today().isoformat()  # the server's edition day may differ near midnight: replaces covers both

        def post(member: tuple[httpx.AsyncClient, str]) -> Any:
            client, token = member
            weight = f"{random.uniform(55, 95):.1f}".replace(".", ",")
            data = {"_csrf_token": token, "date": today, "weight": weight, "replaces": today, "confirm_outliers": "1"}
            return client.post("/healthbox/weight/", data=data)

        print(f"server: entraide serve --workers 2 on {base}; {len(members)} members, {requests} requests per row")
        results = [
            await run("anonymous home `GET /`", visitors, requests, lambda c: c.get("/"), {200}),
            await run("dashboard `GET /healthbox/`", members, requests, lambda m: m[0].get("/healthbox/"), {200}),
            await run(
                "tracker page `GET /healthbox/weight/`",
                members,
                requests,
                lambda m: m[0].get("/healthbox/weight/"),
                {200},
            ),
            await run("entry posting `POST /healthbox/weight/`", members, requests, post, {303}),
        ]
        print("| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for result in results:
            print(result.row())
        dash, tracker = (statistics.median(r.latencies) for r in results[1:3])
        print(
            f"dashboard / tracker page median latency {dash / tracker:.2f}x (target <= 2x); server log {tmp}/server.log"
        )
        for client in [probe, *visitors, *(m[0] for m in signed)]:
            await client.aclose()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000, help="requests per scenario")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--port", type=int, default=0, help="loopback port (default: a free one)")
    options = parser.parse_args()
    asyncio.run(main(options.requests, options.clients, options.port or free_port()))
