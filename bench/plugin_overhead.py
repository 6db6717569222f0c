"""Plugin overhead: Entraide's home page vs the same template on bare Litestar.

Both apps run in this process, on the same machine, in the same run, and are
called alternately through an in-process ASGI client, so machine noise hits
both equally. The figure that matters is the ratio of median latencies
(target ≤ 1.5×). Run: ``uv run python bench/plugin_overhead.py [--requests N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import jinja2
from litestar import Litestar, Response, get
from litestar.enums import MediaType
from markupsafe import Markup

from core.app import create_app, piccolo_app_modules
from core.i18n import load_translations
from core.migrate import migrate
from core.render import csrf_field
from core.settings import load_settings
from core.templating import CORE_TEMPLATES, THEMES_DIR


def bare_app(html_context: dict[str, Any], translations: Any) -> Litestar:
    """Litestar + Jinja rendering the same templates, same language, static context."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(THEMES_DIR / "default" / "templates"), str(CORE_TEMPLATES)]),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    template = env.get_template("core/pages/home.html")

    @get("/")
    async def home() -> Response[str]:
        return Response(template.render(html_context), media_type=MediaType.HTML)

    return Litestar([home])


async def timed(client: httpx.AsyncClient, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = await client.get("/", headers={"host": "fr.localhost"})
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    return samples


async def main(requests: int) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the client's per-request log would dominate
    tmp = Path(tempfile.mkdtemp())
    settings = load_settings({}, cwd=tmp, database_url=f"sqlite:///{tmp / 'bench.sqlite3'}", data_dir=str(tmp))
    app = create_app(settings)
    rt = app.state.entraide
    await migrate(rt.engine, piccolo_app_modules(rt.registry))
    await rt.enablement.ensure_stamp()  # what the app's start-up does
    site = rt.site("fr")
    context = {
        "site": site,
        "lang": "fr",
        "member": None,
        "is_operator": False,
        "nav_items": [],
        "assets": [],
        "csrf_token": "x" * 64,
        "csrf_input": csrf_field("x" * 64),
        "flash": None,
        "demo": False,
        "edition_links": [(s.code, f"http://{s.code}.localhost/", f"{s.locale}-{s.country}") for s in rt.sites],
        "slot": lambda name: Markup(""),
        "theme": "default",
        "request": type("R", (), {"url": type("U", (), {"path": "/"})()})(),
    }
    bare = bare_app(context, load_translations("fr", rt.templates.locale_dirs))
    ours = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fr.localhost")
    theirs = httpx.AsyncClient(transport=httpx.ASGITransport(app=bare), base_url="http://fr.localhost")
    await timed(ours, 50)  # warm-up: templates compiled, caches filled
    await timed(theirs, 50)
    size_ours = len((await ours.get("/")).content)
    size_theirs = len((await theirs.get("/")).content)
    print(f"page sizes: Entraide {size_ours} B, bare {size_theirs} B (same template, same language)")
    a: list[float] = []
    b: list[float] = []
    for _ in range(10):  # interleave rounds so drift affects both
        a += await timed(ours, requests // 10)
        b += await timed(theirs, requests // 10)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"plugins installed and enabled on fr: {', '.join(sorted(await rt.enablement.enabled(site))) or 'none'}")
    print(f"Entraide home (all plugins)  median {ma * 1000:.2f} ms")
    print(f"bare Litestar + Jinja        median {mb * 1000:.2f} ms")
    print(f"ratio {ma / mb:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    asyncio.run(main(parser.parse_args().requests))
