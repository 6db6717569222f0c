"""Live updates over /live: one worker (in-process) and two app instances sharing one Redis."""

from __future__ import annotations

import re

import httpx
from fixture_plugins import blocks as blocks_plugin

from core.testing import cookie_header, post_form, serve_app, sse_events


def wait_for(events, name: str, limit: int = 10) -> str:
    for _ in range(limit):
        event, data = next(events)
        if event == name:
            return data
    raise AssertionError(f"no {name} event")


def watch_conversation(app, viewer, sender, *, sender_app=None):
    """Bob's stream on ``app``; Alice writes through ``sender_app``; Bob's page fetches the update."""
    url = post_form(sender, "/messages/new", {"to": "Bob", "body": "Premier"}).headers["location"]
    cid = url.rsplit("/", 1)[1]
    page = viewer.get(url).text
    after = re.search(r'id="messages-after" name="after" value="(\d+)"', page).group(1)
    assert f'hx-trigger="sse:messages-conversation-{cid}"' in page and 'sse-connect="/live"' in page
    with serve_app(app) as base, httpx.Client(base_url=base, timeout=5) as http:
        headers = {"host": "fr.localhost", "cookie": cookie_header(viewer)}
        with http.stream("GET", "/live", headers=headers) as stream:
            events = sse_events(stream.iter_lines())
            assert next(events) == ("", "")  # subscribed
            post_form(sender, url, {"body": "En direct depuis l'autre instance"})
            wait_for(events, f"messages-conversation-{cid}")
            badge = wait_for(events, "badge-messages-inbox")
            assert '<span aria-hidden="true">1</span>' in badge
        update = http.get(f"/messages/{cid}/updates?after={after}", headers={**headers, "HX-Request": "true"})
        assert (
            "En direct depuis l&#39;autre instance" in update.text or "En direct depuis l'autre instance" in update.text
        )


def test_open_conversation_and_badge_update_live(app, people, as_member):
    watch_conversation(app, as_member("bob"), as_member("alice"))


def test_message_posted_on_one_instance_arrives_on_the_other(redis_url, make_app, people, client_for):
    from core.testing import login

    first = make_app(plugins=["messages"], extra_plugins=[blocks_plugin], redis_url=redis_url)
    second = make_app(plugins=["messages"], extra_plugins=[blocks_plugin], redis_url=redis_url)
    assert type(first.state.entraide.pubsub).__name__ == "RedisBroker"
    assert first.state.entraide.pubsub is not second.state.entraide.pubsub
    alice, bob = client_for("fr", first), client_for("fr", second)
    login(alice, "alice@example.org")
    login(bob, "bob@example.org")
    watch_conversation(second, bob, alice)
