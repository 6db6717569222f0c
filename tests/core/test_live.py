"""/live: the member's server-sent events stream (real server: the test client buffers streams)."""

from __future__ import annotations

import httpx

from core.testing import cookie_header, login, make_member, run_async, serve_app, sse_events


def open_stream(http: httpx.Client, client):
    return http.stream(
        "GET", "/live", headers={"host": "fr.localhost", "cookie": cookie_header(client), "accept": "text/event-stream"}
    )


def test_stream_relays_badges_and_events_of_the_viewer_only(app, client):
    alice = make_member(app, email="alice@example.org", pseudonym="Alice")
    bob = make_member(app, email="bob@example.org", pseudonym="Bob")
    login(client, "alice@example.org")
    broker = app.state.entraide.pubsub
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=5) as http, open_stream(http, client) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = sse_events(stream.iter_lines())
        assert next(events) == ("", "")  # "connected": subscribed from now on
        run_async(app, broker.publish(f"member:{bob}", {"badge": "messages.inbox", "count": 9}))
        run_async(app, broker.publish(f"member:{alice}", {"event": "bad event name!", "data": "x"}))
        run_async(app, broker.publish(f"member:{alice}", {"badge": "messages.inbox", "count": 2}))
        run_async(app, broker.publish(f"member:{alice}", {"event": "messages-conversation-7"}))
        received = [e for e in (next(events), next(events)) if e != ("", "")]
        assert received[0][0] == "badge-messages-inbox"
        assert '<span aria-hidden="true">2</span>' in received[0][1]
        assert "2 nouveaux éléments" in received[0][1]  # in the page language, for screen readers
        assert received[1] == ("messages-conversation-7", "")


def test_stream_needs_a_logged_in_member(app, client):
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=5) as http:
        response = http.get("/live", headers={"host": "fr.localhost"})
        assert response.status_code == 401
