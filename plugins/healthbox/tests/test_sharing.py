"""Sharing a chart with friends: owner's choice, friendship decided by another plugin."""

from __future__ import annotations

import sample_friends_plugin

from core.testing import edition_today, login, make_member, post_form


def test_shared_chart_visible_only_to_friends_when_shared(make_app, client_for):
    # The stand-in alone decides (the bundled friends plugin would answer first).
    app = make_app(plugins=["healthbox"], extra_plugins=[sample_friends_plugin])
    alice = make_member(app, email="alice@example.org", pseudonym="Alice")
    bob = make_member(app, email="bob@example.org", pseudonym="Bob")
    make_member(app, email="eve@example.org", pseudonym="Eve")
    sample_friends_plugin.FRIENDS.clear()
    sample_friends_plugin.FRIENDS.add((bob, alice))
    owner, friend, stranger = client_for("fr", app), client_for("be", app), client_for("ch", app)
    login(owner, "alice@example.org")
    login(friend, "bob@example.org")
    login(stranger, "eve@example.org")
    post_form(owner, "/healthbox/weight/", {"date": edition_today().isoformat(), "weight": "64.2"})
    url = f"/healthbox/shared/{alice}/weight/"
    assert friend.get(url).status_code == 404  # not shared yet
    assert post_form(owner, "/healthbox/weight/share", {"share": "1"}).status_code == 303
    page = friend.get(url)
    assert page.status_code == 200 and "64,2" in page.text and "Alice" in page.text
    assert stranger.get(url).status_code == 404  # not a friend
    assert friend.get(f"/healthbox/shared/{alice}/sleep/").status_code == 404  # other tracker not shared
    post_form(owner, "/me/consents/core.health_data/withdraw")
    assert friend.get(url).status_code == 404  # no consent, no processing
    post_form(owner, "/me/consents/core.health_data/grant")
    post_form(owner, "/healthbox/weight/share", {"share": "0"})
    assert friend.get(url).status_code == 404


def test_without_a_friends_plugin_nobody_sees_shared_charts(app, client_for):
    alice = make_member(app, email="alice@example.org", pseudonym="Alice")
    make_member(app, email="bob@example.org", pseudonym="Bob")
    owner, other = client_for("fr"), client_for("uk")
    login(owner, "alice@example.org")
    login(other, "bob@example.org")
    post_form(owner, "/healthbox/weight/share", {"share": "1"})
    assert other.get(f"/healthbox/shared/{alice}/weight/").status_code == 404


def test_sharing_is_offered_only_when_a_plugin_decides_who_may_see(make_app, client_for):
    alone = make_app(plugins=["healthbox"])
    make_member(alone, email="alice@example.org", pseudonym="Alice")
    owner = client_for("fr", alone)
    login(owner, "alice@example.org")
    page = owner.get("/healthbox/weight/").text
    assert "Partager ce graphique" not in page and 'id="share-h"' not in page
    assert post_form(owner, "/healthbox/weight/share", {"share": "1"}).status_code == 404
    with_pals = make_app(plugins=["healthbox"], extra_plugins=[sample_friends_plugin])
    owner = client_for("fr", with_pals)
    login(owner, "alice@example.org")
    assert 'id="share-h"' in owner.get("/healthbox/weight/").text
    assert post_form(owner, "/healthbox/weight/share", {"share": "1"}).status_code == 303
