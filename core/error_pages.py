"""Error pages that know who is looking: 404, 403, 429 and friends.

Litestar calls exception handlers synchronously, and for an unknown URL it
calls them before any route middleware ran, so the page would not know the
viewer (anonymous header, no CSRF token). Here the handler returns a
:class:`DeferredPage`: its ASGI response loads the request state (edition,
viewer) and renders through the normal async :func:`core.render.render`,
with navigation, slots and the member's header. If that fails, the plain
synchronous page is sent instead, so an error page never raises.

A route of a plugin disabled on the edition raises :class:`FeatureNotOffered`
(a 404 that says which feature the edition does not offer).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException
from litestar.response import Redirect
from litestar.types import Empty
from litestar.utils.scope.state import ScopeState

from core.csrf import _expected as expected_token
from core.csrf import cookie_name, set_token_cookie
from core.render import render, render_sync
from core.request_helpers import is_htmx

if TYPE_CHECKING:
    from litestar.types import Receive, Scope, Send

__all__ = ["DeferredPage", "FeatureNotOffered", "http_error", "server_error"]

log = logging.getLogger("entraide")


class FeatureNotOffered(NotFoundException):
    """A route of a plugin that is installed but not enabled on this edition."""

    def __init__(self, plugin: str) -> None:
        super().__init__(detail="This feature is not offered on this edition.")
        self.plugin = plugin


class DeferredPage(Response[str]):
    """An HTML error page rendered asynchronously when the response is sent."""

    def __init__(self, request: Request[Any, Any, Any], template: str, context: dict[str, Any], *, status: int) -> None:
        super().__init__(content="", status_code=status)
        self.request = request
        self.status = status
        self.template = template
        self.page_context = context

    def to_asgi_response(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        async def send_page(scope: Scope, receive: Receive, send: Send) -> None:
            response = await self._render()
            response.headers.update({k: v for k, v in self.headers.items() if k.lower() != "content-length"})
            for cookie in self.cookies:
                response.cookies.append(cookie)
            await response.to_asgi_response(*args, **kwargs)(scope, receive, send)

        return send_page

    async def _render(self) -> Response[Any]:
        request = self.request
        try:
            from core.middleware import populate_state

            await populate_state(request.scope)
            _ensure_csrf_token(request, self)
            return await render(request, self.template, self.page_context, status=self.status)
        except Exception:
            log.exception("error page %s failed to render with hooks", self.status)
            return render_sync(request, self.template, self.page_context, status=self.status)


def _ensure_csrf_token(request: Request[Any, Any, Any], response: Response[Any]) -> None:
    """Give the page a CSRF token when no route middleware did (unknown URLs).

    The token is the one :mod:`core.csrf` expects from this viewer (bound to
    the session when signed in), with its cookie set when it changed.
    """
    state = ScopeState.from_scope(request.scope)
    if state.csrf_token is not Empty and state.csrf_token:
        return
    settings = request.app.state.entraide.settings
    token, needs_cookie = expected_token(
        settings, request.scope["state"], request.cookies.get(cookie_name(settings.https))
    )
    if needs_cookie and request.method in ("GET", "HEAD"):  # a refused POST does not re-mint (core.csrf)
        set_token_cookie(response, settings, token)
    state.csrf_token = token


def _wants_html(request: Request[Any, Any, Any]) -> bool:
    return "text/html" in request.headers.get("accept", "") or is_htmx(request)


def login_url(request: Request[Any, Any, Any]) -> str:
    """``/login?next=…`` back to the page exactly as asked for: trailing slash and query kept.

    Litestar's routing rewrites ``scope["path"]`` without its trailing slash;
    the server's ``raw_path`` is the path the browser sent.
    """
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes) and raw.startswith(b"/"):
        path = raw.split(b"?", 1)[0].decode("latin-1")  # some servers (httpx's ASGI transport) include the query
    else:
        path = request.scope["path"]
    query = request.scope.get("query_string", b"").decode("latin-1")
    return "/login?next=" + quote(path + (f"?{query}" if query else ""), safe="/")


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Litestar handler for HTTP errors: redirect to log in, JSON for APIs, else a page."""
    from core.guards import ConsentRequired, LoginRequired

    if isinstance(exc, LoginRequired):
        if _wants_html(request):
            return Redirect(login_url(request), status_code=303)
        return Response({"detail": "Log in first."}, status_code=401)
    if not _wants_html(request):
        return Response({"status_code": exc.status_code, "detail": exc.detail}, status_code=exc.status_code)
    if isinstance(exc, ConsentRequired):
        purpose = request.app.state.entraide.purposes.get(exc.purpose)
        return DeferredPage(request, "core/pages/consent_required.html", {"purpose": purpose}, status=403)
    reserved_for = getattr(exc, "reserved_plugin", None)
    if reserved_for:  # core.sponsorship.gate.ReservedContent
        meta = request.app.state.entraide.registry.metas[reserved_for]
        reserved = {"plugin": reserved_for, "plugin_name": meta.name}
        return DeferredPage(request, "core/pages/sponsored_reserved.html", reserved, status=403)
    context: dict[str, Any] = {"status": exc.status_code, "detail": exc.detail, "feature": None}
    if isinstance(exc, FeatureNotOffered):
        meta = request.app.state.entraide.registry.metas.get(exc.plugin)
        context["feature"] = meta.name if meta else exc.plugin
    response = DeferredPage(request, "core/pages/error.html", context, status=exc.status_code)
    headers = getattr(exc, "headers", None)
    if headers:
        response.headers.update(headers)
    return response


def server_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Unhandled errors: logged; a page without hooks or database (they may be the cause)."""
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    if not _wants_html(request):
        return Response({"status_code": 500, "detail": "Internal server error"}, status_code=500)
    try:
        return render_sync(request, "core/pages/error.html", {"status": 500, "detail": "", "feature": None}, status=500)
    except Exception:  # noqa: BLE001 - the error page itself failed: plain text
        return Response("Internal server error", status_code=500, media_type="text/plain")
