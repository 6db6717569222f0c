"""Pub/sub for live updates: in-process by default, Redis when REDIS_URL is set."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from core import api
from core.pubsub import InProcessBroker, RedisBroker, Subscription, make_broker


async def next_of(sub: Subscription, timeout: float = 3.0) -> dict:
    return await asyncio.wait_for(sub.__anext__(), timeout)


async def test_in_process_delivers_to_every_subscriber_of_the_channel_only():
    b = InProcessBroker()
    async with (
        Subscription(b, "member:1") as first,
        Subscription(b, "member:1") as second,
        Subscription(b, "member:2") as other,
    ):
        await b.publish("member:1", {"event": "badge", "count": 3})
        assert await next_of(first) == {"event": "badge", "count": 3}
        assert await next_of(second) == {"event": "badge", "count": 3}
        with pytest.raises(TimeoutError):
            await next_of(other, timeout=0.2)


async def test_closed_subscription_stops_receiving_and_is_forgotten():
    broker = InProcessBroker()
    sub = Subscription(broker, "x:1")
    async with sub:
        assert broker.fanout.count("x:1") == 1
    assert broker.fanout.count("x:1") == 0
    await broker.publish("x:1", {"n": 1})
    with pytest.raises(StopAsyncIteration):
        await sub.__anext__()


async def test_slow_reader_keeps_the_newest_messages():
    b = InProcessBroker()
    async with Subscription(b, "x:slow") as sub:
        for n in range(300):
            await b.publish("x:slow", {"n": n})
        assert (await next_of(sub))["n"] == 300 - sub.queue.maxsize


async def test_only_json_travels_even_in_process():
    b = InProcessBroker()
    async with Subscription(b, "x:json") as sub:
        await b.publish("x:json", {"ids": (1, 2)})
        assert await next_of(sub) == {"ids": [1, 2]}
        with pytest.raises(TypeError):
            await b.publish("x:json", {"when": object()})


async def test_publish_from_another_thread_reaches_the_subscriber_loop():
    broker = InProcessBroker()
    async with Subscription(broker, "x:thread") as sub:
        thread = threading.Thread(target=lambda: asyncio.run(broker.publish("x:thread", {"from": "thread"})))
        thread.start()
        thread.join()
        assert await next_of(sub) == {"from": "thread"}


async def test_api_uses_the_broker_of_the_application(app):
    async with api.subscribe("x:app") as sub:
        assert sub.broker is app.state.entraide.pubsub
        await api.publish("x:app", {"n": 1})
        assert await next_of(sub) == {"n": 1}


def test_make_broker_follows_redis_url():
    assert isinstance(make_broker(None), InProcessBroker)
    broker = make_broker("redis://127.0.0.1:6379/7")
    assert isinstance(broker, RedisBroker)
    assert broker.prefix == "entraide:7:"


async def test_redis_outage_never_fails_or_stalls_the_publisher(caplog):
    broker = RedisBroker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    await broker.publish("member:1", {"event": "badge"})  # fails (logged), the request goes on
    started = time.monotonic()
    for _ in range(19):  # the rest of a message announced to 20 participants
        await broker.publish("member:1", {"event": "badge"})
    assert time.monotonic() - started < 0.1
    assert caplog.text.count("cannot publish") == 1  # paused, not retried for every recipient


async def test_two_workers_share_messages_through_redis(redis_url):
    worker_a, worker_b = RedisBroker(redis_url), RedisBroker(redis_url)
    try:
        async with Subscription(worker_a, "test:shared") as sub:
            await worker_b.publish("test:shared", {"message_id": 42})
            assert await next_of(sub) == {"message_id": 42}
            await worker_b.publish("test:other-channel", {"message_id": 43})
            with pytest.raises(TimeoutError):
                await next_of(sub, timeout=0.3)
        assert worker_a.fanout.count("test:shared") == 0
    finally:
        await worker_a.close()
        await worker_b.close()


async def test_different_redis_databases_do_not_hear_each_other(redis_url):
    base, _, number = redis_url.rpartition("/")
    database = int(number or 0)  # the given database and the next one (pub/sub only: no key is written)
    one, two = RedisBroker(f"{base}/{database}"), RedisBroker(f"{base}/{database + 1}")
    try:
        async with Subscription(one, "test:db") as sub:
            await two.publish("test:db", {"n": 1})
            with pytest.raises(TimeoutError):
                await next_of(sub, timeout=0.3)
    finally:
        await one.close()
        await two.close()
