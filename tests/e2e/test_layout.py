"""Phones first: every page of the demo fits 390 px and 1280 px without sideways scrolling.

The demo community is seeded, served, and crawled in Debian's Chromium by
following same-origin links from the home page, signed in (Camille on fr,
Oliver on uk, Lena on de, the operator on fr) and anonymous, so pages that
plugins add later are covered without listing them here. Each page is loaded
once at 1280 px, measured, then measured again at 390 px (the viewport is
resized, the page reflows). The crawl is bounded: pages whose paths differ
only by numbers count as one pattern (two samples each) and each visitor has
a page cap.
"""

from __future__ import annotations

import re
import time
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from core.testing import CHROMIUM_ARGS, DEMO_PASSWORD, seed_demo, serve_app

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
# (visitor e-mail or None, edition, page cap)
VISITORS = (
    ("camille@demo.entraide.test", "fr", 40),
    (None, "fr", 12),
    ("oliver@demo.entraide.test", "uk", 20),
    (None, "uk", 8),
    ("lena@demo.entraide.test", "de", 20),
    (None, "de", 8),
    ("ops@demo.entraide.test", "fr", 10),
)
SAMPLES_PER_PATTERN = 2
SKIP = re.compile(
    r"^/(static|avatars|media|live|logout|schema|healthz|readyz)(/|$)|\.(csv|zip|json|png|jpe?g|webp|svg|ics)$"
    r"|^/me/export|/delete$|/download"
)
# Right edge of the widest element, to say what overflows (the page name alone is often not enough).
CULPRIT_JS = """(width) => {
  let worst = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && (!worst || r.right > worst.right)) {
      worst = {right: Math.round(r.right), tag: el.tagName.toLowerCase(), cls: el.className && String(el.className)};
    }
  }
  return worst;
}"""


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _login(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[type=password]", DEMO_PASSWORD)
    page.locator("form:has(input[type=password]) [type=submit]").first.click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{email} could not sign in"


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    found = []
    for href in hrefs:
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _crawl(page, origin: str, cap: int, problems: list[str], label: str) -> int:
    queue: deque[str] = deque(["/"])
    seen: set[str] = set()
    patterns: dict[str, int] = {}
    visited = 0
    while queue and visited < cap:
        path = queue.popleft()
        key = _pattern(path.split("?")[0])  # /healthbox/sleep/?days=7 and ?page=2 are the same layout
        if path in seen or patterns.get(key, 0) >= SAMPLES_PER_PATTERN:
            continue
        seen.add(path)
        patterns[key] = patterns.get(key, 0) + 1
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        response = page.goto(origin + path, wait_until="load")
        visited += 1
        status = response.status if response else 0
        if status >= 500:
            problems.append(f"{label} {path}: HTTP {status}")
            continue
        content_type = (response.headers.get("content-type", "") if response else "").lower()
        if not content_type.startswith("text/html"):
            continue  # a photo or a file opened in the browser's own viewer is not our layout
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                culprit = page.evaluate(CULPRIT_JS, width)
                problems.append(f"{label} {path}: {scroll} px wide at {width} px (widest: {culprit})")
        queue.extend(link for link in _links(page, origin) if link not in seen)
    return visited


@pytest.fixture
def demo_server(make_app, chromium):
    app = make_app(demo=True)
    seed_demo(app)
    with serve_app(app) as base:
        yield int(base.rsplit(":", 1)[1])


def test_every_demo_page_fits_a_phone_and_a_desktop(demo_server, chromium):
    from playwright.sync_api import sync_playwright

    port = demo_server
    problems: list[str] = []
    counts: dict[str, int] = {}
    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=CHROMIUM_ARGS,
        )
        for email, code, cap in VISITORS:
            origin = f"http://{code}.localhost:{port}"
            context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
            page = context.new_page()
            label = f"[{code} {email.split('@')[0] if email else 'visitor'}]"
            if email:
                _login(page, origin, email)
            counts[label] = _crawl(page, origin, cap, problems, label)
            context.close()
        browser.close()
    elapsed = time.monotonic() - started
    assert counts["[fr camille]"] >= 15, f"the crawl found too few pages: {counts}"
    assert not problems, f"pages wider than the screen ({elapsed:.0f} s, {counts}):\n" + "\n".join(problems)
