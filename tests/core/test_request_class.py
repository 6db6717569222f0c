"""Handlers get HTMX details, and a served request is freed without the cycle collector."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

import pytest
from litestar import Request
from litestar.plugins.htmx import HTMXRequest

from core.request_class import EntraideRequest
from core.request_helpers import is_htmx
from core.testing import login, make_member

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar import Litestar
    from litestar.testing import TestClient


def _scope(app: Litestar, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": "/", "headers": headers, "app": app, "litestar_app": app}


def test_handlers_get_htmx_details(app: Litestar) -> None:
    assert app.request_class is EntraideRequest
    htmx = EntraideRequest(_scope(app, [(b"hx-request", b"true"), (b"hx-target", b"feed")]))
    assert isinstance(htmx, HTMXRequest)
    assert htmx.htmx and htmx.htmx.target == "feed"
    assert not EntraideRequest(_scope(app, [])).htmx


def test_is_htmx_answers_as_the_htmx_details_do(app: Litestar) -> None:
    for headers, expected in (([(b"hx-request", b"true")], True), ([(b"hx-request", b"false")], False), ([], False)):
        request = EntraideRequest(_scope(app, headers))
        assert is_htmx(request) is expected and bool(request.htmx) is expected


@pytest.mark.parametrize("path", ["/", "/healthbox/"])
def test_a_served_page_leaves_no_request_for_the_cycle_collector(
    app: Litestar, client_for: Callable[..., TestClient[Any]], path: str
) -> None:
    visitor = client_for("fr")
    if path != "/":
        make_member(app)
        login(visitor, "alice@example.org")
    assert visitor.get(path).status_code == 200  # warm: first-use caches are not garbage
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(3):
            assert visitor.get(path).status_code == 200
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, Request)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []  # freed when the response was sent, with everything it pointed to
