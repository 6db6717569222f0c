"""The outermost gate every request passes: client address, then ``Host``.

It wraps Litestar's whole handler (routing included), so unknown URLs and
errors are covered too:

1. The client address comes from ``Forwarded`` / ``X-Forwarded-For`` only
   when the peer is a configured trusted proxy; otherwise the headers are
   ignored, so a client cannot choose the address that throttling counts.
2. The ``Host`` header must name a configured edition host (or one of
   ``ENTRAIDE_ALLOWED_HOSTS``); anything else gets a short 400 page. The
   edition found is put in ``scope["state"]["site"]``.
3. Every HTTP response, that refusal included, gets the security headers
   (:func:`core.middleware.secured_send`).
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from core.middleware import host_of, secured_send

if TYPE_CHECKING:
    from litestar.types import ASGIApp, HTTPResponseBodyEvent, HTTPResponseStartEvent, Receive, Scope, Send

    from core.runtime import Runtime

__all__ = ["TrustedProxies", "edition_gate"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_REFUSAL = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>400 Bad Request</title></head>'
    b"<body><h1>Bad request</h1><p>This server does not answer for that host name.</p></body></html>"
)


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip().strip('"')
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.partition(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


class TrustedProxies:
    """Which peers may tell us the real client address, and how to read it."""

    def __init__(self, networks: list[str]) -> None:
        self.networks: tuple[Network, ...] = tuple(ipaddress.ip_network(n, strict=False) for n in networks)

    def __bool__(self) -> bool:
        return bool(self.networks)

    def trusts(self, address: str) -> bool:
        ip = _ip(address)
        return ip is not None and any(ip in net for net in self.networks)

    def client(self, headers: dict[bytes, bytes]) -> str | None:
        """The nearest untrusted hop named by the forwarding headers, if any."""
        hops: list[str] = []
        if forwarded := headers.get(b"forwarded"):
            for element in forwarded.decode("latin-1").split(","):
                for pair in element.split(";"):
                    key, _, value = pair.strip().partition("=")
                    if key.lower() == "for":
                        hops.append(value)
        elif xff := headers.get(b"x-forwarded-for"):
            hops = xff.decode("latin-1").split(",")
        for hop in reversed(hops):
            ip = _ip(hop)
            if ip is None:
                return None
            if not any(ip in net for net in self.networks):
                return str(ip)
        return None

    def apply(self, scope: Scope) -> None:
        """Replace the peer address by the forwarded client when the peer is trusted."""
        peer = scope.get("client")
        if not peer or not self.trusts(peer[0]):
            return
        headers = dict(scope.get("headers") or ())
        client = self.client(headers)
        if client:
            scope["client"] = (client, 0)
        proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").strip().lower()
        if proto in ("http", "https") and scope["type"] == "http":
            scope["scheme"] = proto


def edition_gate(app: ASGIApp, proxies: TrustedProxies, *, https: bool) -> ASGIApp:
    """Wrap ``app`` so that only the configured hosts of the application's editions are served (see module doc).

    The edition found and the runtime (read once here from ``app.state``)
    go in ``scope["state"]`` (``site``, ``runtime``): every later step reads
    them there, cheaper than through ``app.state``.
    ``https``: the site is served over HTTPS (responses then carry HSTS).
    """

    async def gate(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await app(scope, receive, send)
            return
        if scope["type"] == "http":
            send = secured_send(send, scope, https=https)
        if proxies:
            proxies.apply(scope)
        runtime: Runtime = scope["litestar_app"].state.entraide
        site = runtime.sites.lookup(host_of(scope))
        if site is None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008, "reason": ""})
                return
            start: HTTPResponseStartEvent = {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(_REFUSAL)).encode()),
                ],
            }
            await send(start)
            body: HTTPResponseBodyEvent = {"type": "http.response.body", "body": _REFUSAL, "more_body": False}
            await send(body)
            return
        state = scope.setdefault("state", {})
        state["site"], state["runtime"] = site, runtime
        await app(scope, receive, send)

    return gate
