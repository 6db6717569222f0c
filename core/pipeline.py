"""The one route middleware every request passes: state, CSRF, route options.

It used to be three layers: the context middleware, the CSRF middleware and
:func:`core.guards.opt_guard` as an app-level Litestar guard, for which
Litestar copies the route handler on every request. Here they run in one
call, in the same order (state, then the CSRF check, then the route's
options), and an error raised by the route options is answered by
Litestar's exception handling *inside* the CSRF cookie wrapper, as a guard's
was, so an error page still sets the cookie its forms need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from litestar._asgi.utils import wrap_in_exception_handler
from litestar.connection import ASGIConnection

from core import csrf
from core.guards import opt_guard
from core.middleware import populate_state

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Receive, Scope, Send

__all__ = ["pipeline"]


def _raising(exc: Exception) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> NoReturn:
        raise exc

    return app


def pipeline(app: ASGIApp) -> ASGIApp:
    """ASGI middleware factory (Litestar ``middleware=[...]``)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await populate_state(scope)
            send = await csrf.check(scope, receive, send)
        try:
            await opt_guard(ASGIConnection(scope, receive, send), scope["route_handler"])
        except Exception as exc:  # noqa: BLE001 - answered like any handler error
            await wrap_in_exception_handler(_raising(exc))(scope, receive, send)
            return
        await app(scope, receive, send)

    return middleware
