"""CSRF tokens bound to the session.

Litestar's stock CSRF check is a double-submit cookie: any token the server
ever minted works for anyone holding the matching cookie, before and after
login alike. Here the expected token depends on who is asking:

- an anonymous visitor gets ``nonce + HMAC(secret, "anon:" + nonce)`` in a
  cookie and must send the same value back (double submit, signed);
- a signed-in member's token is ``HMAC(secret, "session:" + session id)``:
  nothing minted before login (or for another session) matches it, and it
  changes whenever the session does (login, logout, expiry).

The cookie always holds the token of the current state (it is re-minted
when it does not), so forms and htmx (``hx-headers``) keep working. Behind
HTTPS the cookie is ``__Host-csrftoken`` (Secure, Path=/, no Domain).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from litestar.datastructures import MutableScopeHeaders
from litestar.datastructures.cookie import Cookie
from litestar.enums import RequestEncodingType
from litestar.exceptions import PermissionDeniedException
from litestar.utils.scope.state import ScopeState

from core.middleware import cookies_of, runtime_of

if TYPE_CHECKING:
    from litestar import Response
    from litestar.types import HTTPScope, Message, Receive, Scope, Send

    from core.settings import Settings

__all__ = [
    "HEADER",
    "anonymous_token",
    "check",
    "cookie_name",
    "session_token",
    "set_token_cookie",
]

HEADER = "x-csrftoken"
FIELD = "_csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_NONCE_HEX = 32
_CHECKED_MAX = 10_000
_checked: dict[str, str] = {}  # anonymous tokens already verified -> the secret they were verified with


def cookie_name(https: bool) -> str:
    return "__Host-csrftoken" if https else "csrftoken"


def _mac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def anonymous_token(secret: str) -> str:
    """A fresh signed token for a visitor without a session."""
    nonce = secrets.token_hex(_NONCE_HEX // 2)
    return nonce + _mac(secret, "anon:" + nonce)


def _valid_anonymous(secret: str, token: str) -> bool:
    if _checked.get(token) == secret:  # verified before: skip the HMAC on every page view
        return True
    nonce, mac = token[:_NONCE_HEX], token[_NONCE_HEX:]
    valid = len(nonce) == _NONCE_HEX and hmac.compare_digest(mac, _mac(secret, "anon:" + nonce))
    if valid:
        if len(_checked) >= _CHECKED_MAX:
            _checked.clear()
        _checked[token] = secret
    return valid


@lru_cache(maxsize=4096)
def session_token(secret: str, session_id: str) -> str:
    """The only token accepted from the session ``session_id`` (its stored hash)."""
    return _mac(secret, "session:" + session_id)


def set_token_cookie(response: Response[Any], settings: Settings, token: str) -> None:
    """Put ``token`` in the CSRF cookie (login and logout rotate it this way)."""
    response.set_cookie(
        cookie_name(settings.https), token, path="/", secure=settings.https, httponly=True, samesite="lax"
    )


def _expected(settings: Settings, state: dict[str, Any], cookie: str | None) -> tuple[str, bool]:
    """(token this request must carry / the page should embed, whether the cookie needs setting)."""
    sid = state.get("session_id")
    if sid:
        token = session_token(settings.secret_key, sid)
        return token, cookie != token
    if cookie and _valid_anonymous(settings.secret_key, cookie):
        return cookie, False
    return anonymous_token(settings.secret_key), True


async def _submitted(scope: Scope, receive: Receive) -> str | None:
    request = scope["litestar_app"].request_class(scope=scope, receive=receive)
    token = request.headers.get(HEADER)
    if token:
        return str(token)
    content_type, _ = request.content_type
    if content_type in (RequestEncodingType.URL_ENCODED, RequestEncodingType.MULTI_PART):
        value = (await request.form()).get(FIELD)
        return value if isinstance(value, str) else None
    return None


async def check(scope: Scope, receive: Receive, send: Send) -> Send:
    """Check the token of an unsafe request; the ``send`` to use (it sets the cookie when needed).

    Runs after the request state holds the session (core.pipeline).

    Raises:
        PermissionDeniedException: An unsafe method without the expected token.
    """
    if scope["type"] != "http" or scope["route_handler"].opt.get("exclude_from_csrf"):
        return send
    settings: Settings = runtime_of(scope).settings
    name = cookie_name(settings.https)
    cookie = cookies_of(scope).get(name)
    expected, set_cookie = _expected(settings, scope["state"], cookie)
    if cast("HTTPScope", scope)["method"] not in SAFE_METHODS:
        submitted = await _submitted(scope, receive)
        if not submitted or not hmac.compare_digest(submitted, expected):
            raise PermissionDeniedException("CSRF token verification failed")
    ScopeState.from_scope(scope).csrf_token = expected
    if not set_cookie:
        return send

    async def send_with_cookie(message: Message) -> None:
        if message["type"] == "http.response.start":
            cookie_header = Cookie(
                key=name, value=expected, path="/", secure=settings.https, httponly=True, samesite="lax"
            ).to_header(header="")
            MutableScopeHeaders.from_message(message).add("set-cookie", cookie_header)
        await send(message)

    return send_with_cookie
