"""``/live``: one server-sent events stream per open page of a logged-in member.

Plugins publish on the member's channel (``member:<id>``, see
:mod:`core.pubsub`); this stream relays what arrives, so one connection per
page serves every live feature (navigation badges, an open conversation).
Pages opt in through the htmx SSE extension: ``<body hx-ext="sse"
sse-connect="/live">`` is set by the base template when a navigation item
carries a badge, and elements listen with ``sse-swap="<event>"`` (swap the
data in) or ``hx-trigger="sse:<event>"`` (fetch through an authorised route).

Two message shapes are relayed:

- ``{"badge": "<slug>.<page>", "count": 3}``: the navigation badge of the
  item named ``<slug>.<page>``; sent as event ``badge-<slug>-<page>`` with
  the badge's inner HTML rendered in the page's language.
- ``{"event": "<name>", "data": "<text>"}``: anything else, e.g.
  ``messages-conversation-12``; event names are lower-case letters,
  digits and dashes.

A stream ends after :data:`LIVE_SECONDS`; the browser reconnects, which
re-checks the session (a logged-out or erased member stops receiving).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from litestar import Request, get
from litestar.response import ServerSentEvent, ServerSentEventMessage

from core.pubsub import Subscription
from core.render import gettext_for, runtime
from core.ui import badge_event, badge_html

if TYPE_CHECKING:
    from babel.support import Translations

__all__ = ["LIVE_SECONDS", "live", "publish_badge"]

LIVE_SECONDS = 300.0
KEEPALIVE_SECONDS = 20.0
_EVENT = re.compile(r"^[a-z][a-z0-9-]{0,80}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_.]+$")


async def publish_badge(member_id: int, name: str, count: int) -> None:
    """Push a new count for the navigation badge ``name`` to the member's open pages."""
    from core.pubsub import publish

    await publish(f"member:{int(member_id)}", {"badge": name, "count": int(count)})


def _to_message(data: dict[str, Any], translations: Translations) -> ServerSentEventMessage | None:
    badge = data.get("badge")
    if isinstance(badge, str) and _NAME.match(badge):
        count = data.get("count")
        return ServerSentEventMessage(
            event=badge_event(badge), data=badge_html(count if isinstance(count, int) else 0, translations)
        )
    event = data.get("event")
    if isinstance(event, str) and _EVENT.match(event):
        return ServerSentEventMessage(event=event, data=str(data.get("data", "")))
    return None


@get("/live", name="core:live", opt={"login": True}, include_in_schema=False)
async def live(request: Request[Any, Any, Any]) -> ServerSentEvent:
    """Relay the viewer's channel as server-sent events (keep-alive comments every 20 s)."""
    member_id = int(request.scope["state"]["member"].id)
    broker = runtime(request).pubsub
    translations = gettext_for(request)

    async def events() -> AsyncIterator[ServerSentEventMessage]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LIVE_SECONDS
        async with Subscription(broker, f"member:{member_id}") as sub:
            yield ServerSentEventMessage(data=None, comment="connected", retry=5000)
            while (left := deadline - loop.time()) > 0:
                try:
                    data = await asyncio.wait_for(sub.__anext__(), min(KEEPALIVE_SECONDS, left))
                except TimeoutError:
                    yield ServerSentEventMessage(data=None, comment="keep-alive")
                    continue
                message = _to_message(data, translations)
                if message is not None:
                    yield message

    return ServerSentEvent(events(), headers={"Cache-Control": "no-store"})
