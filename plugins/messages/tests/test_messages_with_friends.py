"""With the real friends and notifications plugins (through events and relations only)."""

from __future__ import annotations

import re

from core.testing import login, make_member, post_form


def test_block_through_friends_hides_the_conversation_both_ways(make_app, client_for):
    app = make_app(plugins=["messages", "friends"])
    alice_id = make_member(app, email="alice@example.org", pseudonym="Alice")
    make_member(app, email="bob@example.org", pseudonym="Bob")
    alice, bob = client_for("fr", app), client_for("fr", app)
    login(alice, "alice@example.org")
    login(bob, "bob@example.org")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Bonjour Bob"}).headers["location"]
    assert bob.get("/messages/api/unread").json() == {"unread": 1}
    assert post_form(bob, f"/friends/{alice_id}/block").status_code == 303
    assert bob.get(url).status_code == 404 and alice.get(url).status_code == 404
    assert bob.get("/messages/api/unread").json() == {"unread": 0}  # the block cleared it (friends.block.added)
    assert not re.search(r"Bonjour Bob", bob.get("/messages/").text)
    refused = post_form(alice, "/messages/new", {"to": "Bob", "body": "Tu m'as bloquée ?"})
    assert refused.status_code == 400
    assert post_form(bob, f"/friends/{alice_id}/unblock").status_code == 303
    assert "Bonjour Bob" in bob.get(url).text  # nothing was deleted: unblocking brings it back


def test_a_new_conversation_notifies_the_recipients(make_app, client_for):
    app = make_app(plugins=["messages", "notifications"])
    make_member(app, email="alice@example.org", pseudonym="Alice")
    make_member(app, email="bob@example.org", pseudonym="Bob")
    alice, bob = client_for("fr", app), client_for("fr", app)
    login(alice, "alice@example.org")
    login(bob, "bob@example.org")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Bonjour"}).headers["location"]
    post_form(alice, url, {"body": "Encore moi"})  # replies are counted by the messages badge, not notified
    listed = bob.get("/notifications/api").json()["notifications"]
    assert [(n["text"], n["url"]) for n in listed] == [("Alice a commencé une conversation avec vous", url)]
    assert alice.get("/notifications/api").json()["notifications"] == []
