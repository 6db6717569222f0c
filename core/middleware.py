"""Request pipeline: edition, enabled plugins, viewer; headers on every response.

Runs around every matched route: resolves the site from the ``Host``
header, loads the enabled-plugin set (cheap, versioned cache) and the
logged-in member from the session cookie, then exposes them in
``request.state``. Security headers are added by :func:`secured_send`, which
the edition gate wraps around every response, so 404s and errors carry them too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from core.context import activate
from core.identity import sessions

if TYPE_CHECKING:
    from litestar.types import Message, Scope, Send

    from core.runtime import Runtime

__all__ = ["CSP", "LANG_COOKIE", "cookies_of", "host_of", "populate_state", "runtime_of", "secured_send"]

LANG_COOKIE = "entraide_lang"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def runtime_of(scope: Scope) -> Runtime:
    """The runtime serving this request: put in the request state by the edition gate (core.gate)."""
    state = scope.get("state")
    found: Runtime | None = state.get("runtime") if state else None
    return found if found is not None else scope["litestar_app"].state.entraide


async def populate_state(scope: Scope) -> dict[str, Any]:
    """Fill ``scope["state"]`` with site, enabled set and viewer (idempotent)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    runtime = runtime_of(scope)
    activate(runtime)  # kernel calls without a request argument find this app
    if "enabled" in state:
        return state
    # The edition gate (core.gate) already refused unknown hosts and put the edition here.
    site = state.get("site") or runtime.sites.resolve(host_of(scope))
    state["site"] = site
    jar = cookies_of(scope)
    chosen = jar.get(LANG_COOKIE)
    state["locale"] = chosen if chosen in site.languages else site.locale
    state["enabled"] = await runtime.enablement.enabled(site)
    state["member"] = None
    state["session_id"] = None
    settings = runtime.settings
    token = jar.get(sessions.cookie_name(settings.https))
    if not token:  # a visitor
        return state
    loaded = await sessions.load(
        token,
        site=site.code,
        idle=timedelta(minutes=settings.session_idle_minutes),
        absolute=timedelta(hours=settings.session_absolute_hours),
    )
    if loaded:
        state["session_id"], state["member"] = loaded
        if getattr(loaded[1], "language", None) in site.languages:
            state["locale"] = loaded[1].language  # the member's saved choice wins over the visitor cookie
    return state


def _parse_cookies(headers: list[bytes]) -> dict[str, str]:
    """Name → raw value of the request's cookies (the first of a repeated name wins)."""
    jar: dict[str, str] = {}
    for header in headers:
        for part in header.decode("latin-1").split(";"):
            key, _, value = part.strip().partition("=")
            if key and key not in jar:
                jar[key] = value
    return jar


def host_of(scope: Scope) -> str:
    """The request's ``Host`` header ("" without one)."""
    for name, value in scope.get("headers") or ():
        if name == b"host":
            return value.decode("latin-1")
    return ""


def cookies_of(scope: Scope) -> dict[str, str]:
    """The request's cookies, raw values, parsed once per request (:func:`populate_state`)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    jar: dict[str, str] | None = state.get("cookies")
    if jar is None:
        jar = state["cookies"] = _parse_cookies([v for k, v in scope.get("headers") or () if k == b"cookie"])
    return jar


_SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
_SECURITY_NAMES = frozenset(name for name, _ in _SECURITY_HEADERS)
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
_NO_STORE = (b"cache-control", b"no-store")


def _one_charset(header: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    """``text/csv; charset=utf-8; charset=utf-8`` -> one charset.

    Litestar appends ``; charset=…`` to every ``text/*`` media type, so a
    handler that spells the charset out sent it twice.
    """
    value = header[1]
    if value.count(b"charset=") < 2:
        return header
    kept: list[bytes] = []
    seen = False
    for part in value.split(b";"):
        is_charset = part.strip().lower().startswith(b"charset=")
        if not (is_charset and seen):
            kept.append(part)
        seen = seen or is_charset
    return header[0], b";".join(kept)


def secured_send(send: Send, scope: Scope, *, https: bool) -> Send:
    """``send``, adding the security headers to the start of an HTTP response.

    The edition gate (core.gate) wraps every request's ``send`` with it, so
    pages, error pages, 404s and the gate's own refusal all carry them.
    Handlers never set these, so they are appended as raw ASGI header pairs
    (cheaper than a mutable headers view on every response).
    """

    async def send_secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers") or ())
            names = set()
            for i, (name, value) in enumerate(headers):
                names.add(name.lower())
                if value.count(b"charset=") > 1 and name.lower() == b"content-type":
                    headers[i] = _one_charset((name, value))
            if names.isdisjoint(_SECURITY_NAMES):  # the usual case: a handler sets none of them
                headers.extend(_SECURITY_HEADERS)
            else:
                headers.extend(h for h in _SECURITY_HEADERS if h[0] not in names)
            if https:
                headers.append(_HSTS)
            if b"cache-control" not in names and not scope.get("path", "").startswith("/static/"):
                headers.append(_NO_STORE)
            message["headers"] = headers
        await send(message)

    return send_secured
