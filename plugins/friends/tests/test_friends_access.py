"""Who may reach what: every object route answers 404 to a member without access."""

from __future__ import annotations

from datetime import date

import pytest

from core.testing import login, make_member, post_form, run_async
from plugins.friends.tables import Block, FriendRequest, Friendship


def _request(app, sender, recipient):
    async def create():
        from plugins.friends import services

        rows = await FriendRequest.insert(
            FriendRequest(
                sender=sender,
                recipient=recipient,
                pair_key=services._pair(sender, recipient),
                site="uk",
                created_at=services._now(),
            )
        ).returning(FriendRequest.id)
        return rows[0]["id"]

    return run_async(app, create())


def test_anonymous_visitors_are_sent_to_log_in(client):
    for path in ("/friends/", "/friends/requests/", "/friends/blocked/", "/friends/1/button", "/friends/1/block"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path
    assert client.get("/friends/1/status.json", headers={"accept": "application/json"}).status_code == 401


def test_request_ids_belong_to_their_two_members_only(app, people):
    alice, _ = people("Alice")
    bob, b = people("Bob")
    _, c = people("Carol")
    request_id = _request(app, alice, bob)
    # Carol is neither sender nor recipient; Bob cannot cancel what he did not send; Alice cannot accept her own.
    for client, action in ((c, "accept"), (c, "decline"), (c, "cancel"), (b, "cancel")):
        assert post_form(client, f"/friends/requests/{request_id}/{action}").status_code == 404, action
    assert post_form(b, "/friends/requests/999999/accept").status_code == 404
    assert post_form(b, "/friends/requests/99999999999999/accept").status_code == 404
    assert run_async(app, FriendRequest.count()) == 1 and run_async(app, Friendship.count()) == 0


@pytest.mark.parametrize("who", ["unknown", "other_edition", "blocked_me", "i_blocked", "myself"])
def test_member_routes_404_without_access(app, people, client_for, who):
    me, client = people("Alice")
    bob, b = people("Bob")
    targets = {
        "unknown": 424242,
        "other_edition": make_member(app, email="ulrich@example.org", pseudonym="Ulrich", site="de"),
        "blocked_me": bob,
        "i_blocked": bob,
        "myself": me,
    }
    if who == "blocked_me":
        post_form(b, f"/friends/{me}/block")
    if who == "i_blocked":
        post_form(client, f"/friends/{bob}/block")
    target = targets[who]
    assert client.get(f"/friends/{target}/button").status_code == 404
    assert client.get(f"/friends/{target}/button", headers={"HX-Request": "true"}).status_code == 404
    assert client.get(f"/friends/{target}/status.json", headers={"accept": "application/json"}).status_code == 404
    assert client.get(f"/friends/{target}/block").status_code == 404
    assert post_form(client, f"/friends/{target}/remove").status_code == 404
    blocks_before = run_async(app, Block.count())
    assert post_form(client, f"/friends/{target}/block").status_code == 404
    assert run_async(app, Block.count()) == blocks_before


def test_a_member_of_another_edition_cannot_act_on_this_one(app, people, client_for):
    alice, _ = people("Alice")
    bob, _ = people("Bob")
    request_id = _request(app, alice, bob)
    make_member(app, email="ulrich@example.org", pseudonym="Ulrich", site="de")
    uk = client_for("de")
    login(uk, "ulrich@example.org")
    assert uk.get(f"/friends/{alice}/button").status_code == 404
    assert post_form(uk, f"/friends/requests/{request_id}/accept").status_code == 404
    refused = post_form(uk, "/friends/requests/", {"member_id": str(alice)})
    assert refused.status_code == 400 and "Kein Mitglied mit diesem Pseudonym in dieser Ausgabe." in refused.text


def test_disabled_on_an_edition_is_404_and_keeps_the_data(app, people):
    alice, a = people("Alice")
    _bob, b = people("Bob")
    post_form(a, "/friends/requests/", {"pseudonym": "Bob"})
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "friends", False))
    assert a.get("/friends/").status_code == 404
    assert b.get(f"/friends/{alice}/status.json").status_code == 404
    assert post_form(a, "/friends/requests/", {"pseudonym": "Bob"}).status_code == 404
    assert 'href="/friends/"' not in a.get("/").text
    assert run_async(app, FriendRequest.count()) == 1
    run_async(app, rt.enablement.set(rt.site("uk"), "friends", True))
    assert "Alice" in b.get("/friends/requests/").text


def test_shared_health_box_chart_follows_friendship(app, people):
    alice, a = people("Alice")
    bob, b = people("Bob")
    _, c = people("Carol")
    post_form(a, "/healthbox/weight/", {"date": date.today().isoformat(), "weight": "64.2"})
    assert post_form(a, "/healthbox/weight/share", {"share": "1"}).status_code == 303
    url = f"/healthbox/shared/{alice}/weight/"
    assert b.get(url).status_code == 404  # not friends yet
    post_form(b, "/friends/requests/", {"pseudonym": "Alice"})
    assert b.get(url).status_code == 404  # a pending request is not a friendship
    request_id = run_async(app, FriendRequest.select(FriendRequest.id).first())["id"]
    post_form(a, f"/friends/requests/{request_id}/accept")
    page = b.get(url)
    assert page.status_code == 200 and "64.2" in page.text
    assert c.get(url).status_code == 404  # not a friend
    post_form(a, f"/friends/{bob}/remove")
    assert b.get(url).status_code == 404  # unfriended: revoked on the next request
    post_form(b, "/friends/requests/", {"pseudonym": "Alice"})
    request_id = run_async(app, FriendRequest.select(FriendRequest.id).first())["id"]
    post_form(a, f"/friends/requests/{request_id}/accept")
    assert b.get(url).status_code == 200
    post_form(a, f"/friends/{bob}/block")
    assert b.get(url).status_code == 404  # blocked: revoked too
