"""Publish/subscribe for live updates: in-process by default, Redis when ``REDIS_URL`` is set.

Live pages (an open conversation, the unread badges in the navigation) are
pushed over server-sent events. The request that stores something publishes
a small JSON message on a channel; every open stream subscribed to that
channel receives it. With one worker an in-process fan-out is enough; with
several workers (or hosts) messages travel through Redis/Valkey pub/sub, so a
message published by one worker reaches streams held by every other.

Messages are signals, not content: publish ids and counts, and let the page
fetch what changed through an ordinary authorised route. Delivery is best
effort (a stream that was not connected misses it; the next page load shows
the stored state), so a Redis outage never fails the request that published.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import weakref
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import redis.asyncio as aioredis

__all__ = [
    "Broker",
    "InProcessBroker",
    "RedisBroker",
    "Subscription",
    "current_broker",
    "make_broker",
    "publish",
    "subscribe",
]

log = logging.getLogger("entraide.pubsub")
QUEUE_SIZE = 256
OUTAGE_PAUSE = 5.0  # seconds without publishing after Redis failed


class Subscription:
    """One listener on one channel: an async iterator of the published dicts.

    Use it as ``async with subscribe("member:1") as sub: async for data in sub``
    (entering waits until the broker listens, so nothing published afterwards
    is missed), or iterate it directly. A slow reader loses the oldest
    messages rather than holding memory.
    """

    def __init__(self, broker: Broker, channel: str) -> None:
        self.broker = broker
        self.channel = channel
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(QUEUE_SIZE)
        self._started = False
        self._closed = False
        broker.fanout.add(self)

    def deliver(self, data: dict[str, Any]) -> None:
        """Hand a message to this subscriber (safe from any thread or loop)."""
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            self._put(data)
        elif not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._put, data)

    def _put(self, data: dict[str, Any]) -> None:
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(data)

    async def start(self) -> None:
        if not self._started:
            self._started = True
            await self.broker.listen(self.channel)

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self.broker.fanout.remove(self)
            if self._started:
                await self.broker.unlisten(self.channel)

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> dict[str, Any]:
        if self._closed:
            raise StopAsyncIteration
        await self.start()
        return await self.queue.get()

    async def __aenter__(self) -> Subscription:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class Fanout:
    """Local subscribers per channel (this process)."""

    def __init__(self) -> None:
        self._subs: dict[str, weakref.WeakSet[Subscription]] = {}

    def add(self, sub: Subscription) -> None:
        self._subs.setdefault(sub.channel, weakref.WeakSet()).add(sub)

    def remove(self, sub: Subscription) -> None:
        subs = self._subs.get(sub.channel)
        if subs is not None:
            subs.discard(sub)
            if not subs:
                del self._subs[sub.channel]

    def deliver(self, channel: str, data: dict[str, Any]) -> int:
        subs = list(self._subs.get(channel, ()))
        for sub in subs:
            sub.deliver(data)
        return len(subs)

    def count(self, channel: str) -> int:
        return len(self._subs.get(channel, ()))


class Broker(Protocol):
    """What :func:`publish` and :func:`subscribe` need from a transport."""

    fanout: Fanout

    async def publish(self, channel: str, data: dict[str, Any]) -> None: ...
    async def listen(self, channel: str) -> None: ...
    async def unlisten(self, channel: str) -> None: ...
    async def close(self) -> None: ...


class InProcessBroker:
    """The embedded default: one process, messages handed over in memory."""

    def __init__(self) -> None:
        self.fanout = Fanout()

    async def publish(self, channel: str, data: dict[str, Any]) -> None:
        self.fanout.deliver(channel, json.loads(json.dumps(data)))  # same contract as Redis: JSON only

    async def listen(self, channel: str) -> None:
        return None

    async def unlisten(self, channel: str) -> None:
        return None

    async def close(self) -> None:
        return None


class _RedisLoop:
    """Redis connections of one event loop: a client for PUBLISH, one shared SUBSCRIBE connection."""

    def __init__(self, broker: RedisBroker) -> None:

        self.broker = broker
        self.client: aioredis.Redis = _client(broker.url)
        self.pubsub: Any = None
        self.reader: asyncio.Task[None] | None = None
        self.counts: dict[str, int] = {}
        self.confirmed: dict[str, asyncio.Event] = {}

    async def listen(self, channel: str) -> None:
        self.counts[channel] = self.counts.get(channel, 0) + 1
        if self.counts[channel] > 1:
            return
        event = self.confirmed[channel] = asyncio.Event()
        try:
            if self.pubsub is None:
                self.pubsub = self.client.pubsub(ignore_subscribe_messages=False)
            await self.pubsub.subscribe(self.broker.prefix + channel)
        except Exception as exc:  # noqa: BLE001 - Redis down: the reader resubscribes when it returns
            log.warning("pub/sub: cannot subscribe to %s: %s", channel, exc)
            return
        if self.reader is None or self.reader.done():
            self.reader = asyncio.get_running_loop().create_task(self._read())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), 2)

    async def unlisten(self, channel: str) -> None:
        self.counts[channel] = self.counts.get(channel, 1) - 1
        if self.counts[channel] > 0:
            return
        del self.counts[channel]
        self.confirmed.pop(channel, None)
        if self.pubsub is not None:
            with contextlib.suppress(Exception):
                await self.pubsub.unsubscribe(self.broker.prefix + channel)

    async def _read(self) -> None:
        """Deliver Redis messages to local subscribers; survive outages (redis-py resubscribes)."""
        delay = 0.5
        prefix = self.broker.prefix
        while True:
            try:
                message = await self.pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - keep the reader alive across outages
                log.warning("pub/sub: Redis read failed (%s); retrying in %.1f s", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            delay = 0.5
            if not message:
                continue
            channel = _text(message.get("channel")).removeprefix(prefix)
            if message.get("type") == "subscribe" and channel in self.confirmed:
                self.confirmed[channel].set()
            elif message.get("type") == "message":
                try:
                    data = json.loads(_text(message.get("data")))
                except ValueError:
                    continue
                self.broker.fanout.deliver(channel, data)

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader
        if self.pubsub is not None:
            with contextlib.suppress(Exception):
                await self.pubsub.aclose()
        with contextlib.suppress(Exception):
            await self.client.aclose()


def _client(url: str) -> aioredis.Redis:
    """A client that fails fast: a live update is not worth holding a request for."""
    import redis.asyncio as aioredis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return aioredis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5, retry=Retry(NoBackoff(), 1))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")


class RedisBroker:
    """Redis/Valkey pub/sub, so that streams on every worker and host see every message.

    Redis pub/sub ignores database numbers, so channels are prefixed with the
    URL's database number (``entraide:7:member:12``): installations sharing a
    server on different databases do not hear each other.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        database = (urlsplit(url).path or "/0").strip("/") or "0"
        self.prefix = f"entraide:{database}:"
        self.fanout = Fanout()
        self._down_until = 0.0
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _RedisLoop] = weakref.WeakKeyDictionary()

    def _state(self, create: bool = True) -> _RedisLoop | None:
        loop = asyncio.get_running_loop()
        state = self._loops.get(loop)
        if state is None and create:
            state = self._loops[loop] = _RedisLoop(self)
        return state

    async def start(self) -> None:
        """Bind a client to the serving loop (called at application start-up)."""
        self._state()

    async def publish(self, channel: str, data: dict[str, Any]) -> None:
        payload = json.dumps(data)
        now = time.monotonic()
        if now < self._down_until:
            return  # Redis failed a moment ago: do not make every request wait for it again
        state = self._state(create=False)
        try:
            if state is not None:
                await state.client.publish(self.prefix + channel, payload)
                return
            client = _client(self.url)
            try:
                await client.publish(self.prefix + channel, payload)
            finally:
                await client.aclose()
        except Exception as exc:  # noqa: BLE001 - live updates are best effort; the data is stored
            self._down_until = now + OUTAGE_PAUSE
            log.warning("pub/sub: cannot publish on %s (%s); live updates paused %.0f s", channel, exc, OUTAGE_PAUSE)

    async def listen(self, channel: str) -> None:
        state = self._state()
        assert state is not None
        await state.listen(channel)

    async def unlisten(self, channel: str) -> None:
        state = self._state(create=False)
        if state is not None:
            await state.unlisten(channel)

    async def close(self) -> None:
        state = self._state(create=False)
        if state is not None:
            await state.close()
            self._loops.pop(asyncio.get_running_loop(), None)


def make_broker(redis_url: str | None) -> InProcessBroker | RedisBroker:
    """Redis when a URL is configured, otherwise the in-process default."""
    return RedisBroker(redis_url) if redis_url else InProcessBroker()


_fallback = InProcessBroker()


def current_broker() -> Broker:
    """The broker of the application serving this request (else the last one built; else in-process)."""
    from core.context import active_runtime

    try:
        return active_runtime().pubsub  # type: ignore[no-any-return]
    except RuntimeError:
        return _fallback


async def publish(channel: str, data: dict[str, Any]) -> None:
    """Send ``data`` (a JSON-serialisable dict) to every subscriber of ``channel``.

    Channels are namespaced like everything else: ``<slug>:<what>``, or
    ``member:<id>`` for what the ``/live`` stream of that member relays.
    Never publish health data or message text: publish ids and counts.
    """
    await current_broker().publish(channel, data)


def subscribe(channel: str) -> Subscription:
    """Listen on ``channel``; see :class:`Subscription`. Must be called in a running loop."""
    return Subscription(current_broker(), channel)
