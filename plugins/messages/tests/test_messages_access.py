"""Authorisation over every object route: only participants; blocks, other editions and operators get 404."""

from __future__ import annotations

import pytest

from core.testing import login, make_member, post_form
from plugins.messages.tables import Message

ROUTES = [
    ("GET", "/messages/{c}", {}),
    ("GET", "/messages/{c}?before={m}", {}),
    ("GET", "/messages/{c}/updates?after=0", {"HX-Request": "true"}),
    ("POST", "/messages/{c}", {}),
    ("POST", "/messages/{c}", {"HX-Request": "true"}),
    ("POST", "/messages/{c}/leave", {}),
    ("GET", "/messages/{c}/report/{m}", {}),
    ("POST", "/messages/{c}/report/{m}", {}),
    ("GET", "/messages/api/conversations/{c}", {"accept": "application/json"}),
]


def call(client, method, url, headers):
    if method == "GET":
        return client.get(url, headers=headers, follow_redirects=False)
    return post_form(client, url, {"body": "intrusion", "reason": "spam", "after": "0"}, headers=headers)


@pytest.fixture
def thread(app, people, as_member):
    """A group conversation Alice started with Bob; Bob answered (message id ``m``)."""
    alice, bob = as_member("alice"), as_member("bob")
    # a group, so that leaving is a real route for participants
    extra = make_member(app, email="dan@example.org", pseudonym="Dan")
    response = post_form(alice, "/messages/new", {"to": "Bob, Dan", "body": "Bonjour à vous deux"})
    url = response.headers["location"]
    post_form(bob, url, {"body": "Salut Alice"})
    from core.testing import run_async

    last = run_async(app, Message.select(Message.id).order_by(Message.id, ascending=False).first())
    return {"c": int(url.rsplit("/", 1)[1]), "m": last["id"], "dan": extra}


def assert_all_404(client, thread, before):
    for method, pattern, headers in ROUTES:
        response = call(client, method, pattern.format(**thread), headers)
        assert response.status_code == 404, (method, pattern, headers, response.status_code)
        assert "Salut Alice" not in response.text and "Bonjour à vous deux" not in response.text
    from core.testing import run_async

    assert run_async(client.app, Message.count()) == before, "nothing stored by an outsider"


def test_non_participant_gets_404_everywhere(app, people, as_member, thread):
    assert_all_404(as_member("carol"), thread, before=2)


def test_operator_and_moderator_get_404_too(app, people, thread, client_for):
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    make_member(app, email="mod@example.org", pseudonym="Moddy", role="moderator")
    for email in ("ops@example.org", "mod@example.org"):
        client = client_for("fr")
        login(client, email)
        assert_all_404(client, thread, before=2)


def test_member_of_another_edition_gets_404(app, people, thread, client_for):
    make_member(app, email="uma@example.org", pseudonym="Uma", site="uk")
    client = client_for("uk")
    login(client, "uma@example.org")
    assert_all_404(client, thread, before=2)


def test_participant_on_another_editions_host_gets_404(app, people, thread, client_for):
    make_member(app, email="bea@example.org", pseudonym="Bea", site="be")
    client = client_for("be")
    login(client, "bea@example.org")
    assert_all_404(client, thread, before=2)


def test_one_to_one_is_hidden_both_ways_after_a_block(app, people, as_member, block):
    alice, bob = as_member("alice"), as_member("bob")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Avant le blocage"}).headers["location"]
    mid = post_form(bob, url, {"body": "Salut Alice"}).headers["location"].split("#m-")[1]
    thread = {"c": int(url.rsplit("/", 1)[1]), "m": int(mid)}
    block(people["alice"], people["bob"])
    assert_all_404(bob, thread, before=2)
    assert_all_404(alice, {**thread, "m": thread["m"]}, before=2)
    assert "Avant le blocage" not in alice.get("/messages/").text
    # nor can a new conversation be started, either way; the form says no such member
    refused = post_form(bob, "/messages/new", {"to": "Alice", "body": "Et maintenant ?"})
    assert refused.status_code == 400 and "Aucun membre ne s" in refused.text


def test_in_a_group_a_block_hides_that_members_messages_only(app, people, as_member, block):
    alice, bob, carol = as_member("alice"), as_member("bob"), as_member("carol")
    url = post_form(alice, "/messages/new", {"to": "Bob, Carol", "body": "On se voit ?"}).headers["location"]
    block(people["carol"], people["bob"])
    post_form(bob, url, {"body": "Message de Bob"})
    assert "Message de Bob" in alice.get(url).text
    assert "Message de Bob" not in carol.get(url).text
    assert "Message de Bob" not in carol.get(f"{url}/updates?after=0", headers={"HX-Request": "true"}).text
    assert carol.get("/messages/api/unread").json() == {"unread": 0}


def test_moderators_see_a_reported_message_only(app, people, as_member, client_for):
    alice, bob = as_member("alice"), as_member("bob")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Premier message privé"}).headers["location"]
    mid = post_form(alice, url, {"body": "Message insultant"}).headers["location"].split("#m-")[1]
    make_member(app, email="mod@example.org", pseudonym="Moddy", role="moderator")
    mod = client_for("fr")
    login(mod, "mod@example.org")
    assert "Message insultant" not in mod.get("/messages/moderation/").text
    assert post_form(alice, f"{url}/report/{mid}", {"reason": "spam"}).status_code == 404  # not one's own message
    assert post_form(bob, f"{url}/report/{mid}", {"reason": "harassment"}).status_code == 303
    queue = mod.get("/messages/moderation/")
    assert "Message insultant" in queue.text and "Premier message privé" not in queue.text
    assert "1 message signalé à examiner" in mod.get("/messages/").text  # where moderators find the queue
    assert "à examiner" not in bob.get("/messages/").text
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    ops = client_for("fr")
    login(ops, "ops@example.org")
    assert "1 message signalé à examiner" in ops.get("/admin/").text  # the operator console's card
    report_url = queue.text.split('href="/messages/moderation/')[1].split('"')[0]
    detail = mod.get(f"/messages/moderation/{report_url}")
    assert "Message insultant" in detail.text and "Premier message privé" not in detail.text
    assert mod.get(url).status_code == 404  # still not the conversation
    assert bob.get(f"/messages/moderation/{report_url}").status_code == 404  # members are not moderators
    assert post_form(bob, f"/messages/moderation/{report_url}", {"action": "remove"}).status_code == 404
    removed = post_form(mod, f"/messages/moderation/{report_url}", {"action": "remove"})
    assert removed.status_code == 303
    page = bob.get(url).text
    assert "Message insultant" not in page and "retiré par un modérateur" in page
    from core.api import audit_trail
    from core.testing import run_async

    assert run_async(app, audit_trail("fr", "messages."))[0]["action"] == "messages.message.removed"


def test_live_stream_only_signals_participants(app, people, as_member):
    """The SSE stream carries ids only, and only to participants (checked on a real server)."""
    import httpx

    from core.testing import cookie_header, serve_app, sse_events

    alice, carol = as_member("alice"), as_member("carol")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Hello"}).headers["location"]
    with serve_app(app) as base, httpx.Client(base_url=base, timeout=5) as http:
        headers = {"host": "fr.localhost", "cookie": cookie_header(carol)}
        with http.stream("GET", "/live", headers=headers) as stream:
            events = sse_events(stream.iter_lines())
            assert next(events) == ("", "")
            post_form(alice, url, {"body": "Secret"})
            post_form(carol, "/messages/new", {"to": "Alice", "body": "Ping"})  # Carol's own activity arrives...
            received = next(e for e in events if e[0])
            assert received[0] == f"messages-conversation-{int(url.rsplit('/', 1)[1]) + 1}"  # ...not Alice and Bob's
