"""Requests, answers, removal: what members see, and what refused requests store (nothing)."""

from __future__ import annotations

import friends_recorder

from core.testing import login, make_member, post_form, run_async, text_of
from plugins.friends.tables import Block, FriendRequest, Friendship


def _send(client, pseudonym):
    return post_form(client, "/friends/requests/", {"pseudonym": pseudonym})


def _request_id(app, sender, recipient):
    row = run_async(
        app,
        FriendRequest.select(FriendRequest.id)
        .where((FriendRequest.sender == sender) & (FriendRequest.recipient == recipient))
        .first(),
    )
    return row["id"]


def test_request_accept_then_both_see_each_other_with_events(make_app, client_for):
    app = make_app(extra_plugins=[friends_recorder])
    friends_recorder.EVENTS.clear()
    alice = make_member(app, email="alice@example.org", pseudonym="Alice", site="uk")
    bob = make_member(app, email="bob@example.org", pseudonym="Bob", site="uk")
    a, b = client_for("uk", app), client_for("uk", app)
    login(a, "alice@example.org")
    login(b, "bob@example.org")
    sent = _send(a, "bob")  # case-insensitive pseudonym
    assert sent.status_code == 303 and sent.headers["location"] == "/friends/requests/"
    assert "Bob" in text_of(a.get("/friends/requests/").text)
    home = b.get("/friends/")
    assert "Friend requests for you" in home.text and "Alice" in home.text
    assert b.get("/").text.count("/friends/requests/") >= 1  # home card tells Bob
    event = friends_recorder.EVENTS[-1]
    assert event.name == "friends.request.sent" and event.member_id == alice
    assert event.payload["other_id"] == bob
    assert event.payload["notify"][0]["member_id"] == bob and event.payload["notify"][0]["actor_id"] == alice
    request_id = _request_id(app, alice, bob)
    accepted = post_form(b, f"/friends/requests/{request_id}/accept", {"next": "/friends/"})
    assert accepted.status_code == 303
    assert friends_recorder.EVENTS[-1].name == "friends.request.accepted"
    assert friends_recorder.EVENTS[-1].payload["notify"][0]["member_id"] == alice
    for client, other in ((a, "Bob"), (b, "Alice")):
        page = text_of(client.get("/friends/").text)
        assert "My friends (1)" in page and other in page
    assert run_async(app, FriendRequest.count()) == 0
    assert run_async(app, Friendship.count()) == 2  # one row per direction
    assert b.get(f"/friends/{alice}/status.json").json()["state"] == "friends"


def test_decline_cancel_and_remove(app, people):
    alice, a = people("Alice")
    bob, b = people("Bob")
    _send(a, "Bob")
    declined = post_form(b, f"/friends/requests/{_request_id(app, alice, bob)}/decline")
    assert declined.status_code == 303 and run_async(app, FriendRequest.count()) == 0
    _send(a, "Bob")  # may ask again after a decline
    cancelled = post_form(a, f"/friends/requests/{_request_id(app, alice, bob)}/cancel")
    assert cancelled.status_code == 303 and run_async(app, FriendRequest.count()) == 0
    assert "You have no request waiting for an answer." in a.get("/friends/requests/").text
    _send(a, "Bob")
    post_form(b, f"/friends/requests/{_request_id(app, alice, bob)}/accept")
    removed = post_form(b, f"/friends/{alice}/remove")
    assert removed.status_code == 303
    assert run_async(app, Friendship.count()) == 0
    assert "You have no friends here yet" in a.get("/friends/").text


def _refused(client, pseudonym):
    response = _send(client, pseudonym)
    assert response.status_code == 400, response.status_code
    return text_of(response.text)


def test_bad_requests_say_why_and_store_nothing(app, people):
    alice, a = people("Alice")
    bob, b = people("Bob")
    people("Carol")
    make_member(app, email="ulrich@example.org", pseudonym="Ulrich", site="de")
    assert "You cannot send a friend request to yourself." in _refused(a, "Alice")
    assert "Enter the pseudonym" in _refused(a, "")
    unknown = "No member with this pseudonym on this edition."
    assert unknown in _refused(a, "Nobody")
    assert unknown in _refused(a, "Ulrich")  # another edition: as if unknown
    assert run_async(app, FriendRequest.count()) == 0
    assert _send(a, "Bob").status_code == 303
    assert "You have already sent a friend request to Bob." in _refused(a, "Bob")
    assert "Alice has already sent you a friend request" in _refused(b, "Alice")
    assert run_async(app, FriendRequest.count()) == 1
    post_form(b, f"/friends/requests/{_request_id(app, alice, bob)}/accept")
    assert "You are already friends with Bob." in _refused(a, "Bob")
    assert run_async(app, Friendship.count()) == 2


def test_request_to_a_member_who_blocked_you_looks_like_an_unknown_member(app, people):
    alice, a = people("Alice")
    carol, c = people("Carol")
    assert post_form(c, f"/friends/{alice}/block").status_code == 303
    blocked = _send(a, "Carol")
    unknown = _send(a, "Nobody-at-all")
    assert blocked.status_code == unknown.status_code == 400
    message = "No member with this pseudonym on this edition."
    assert message in blocked.text and message in unknown.text
    assert "Carol" not in text_of(blocked.text).replace('value="Carol"', "")
    by_id = post_form(a, "/friends/requests/", {"member_id": str(carol)})
    assert by_id.status_code == 400 and message in by_id.text
    assert run_async(app, FriendRequest.count()) == 0
    # The blocker is told plainly instead.
    assert "You blocked Alice. Unblock them first" in _refused(c, "Alice")


def test_block_ends_friendship_hides_both_ways_and_unblock(app, people):
    alice, a = people("Alice")
    bob, b = people("Bob")
    _send(a, "Bob")
    post_form(b, f"/friends/requests/{_request_id(app, alice, bob)}/accept")
    confirm = b.get(f"/friends/{alice}/block")
    assert confirm.status_code == 200 and "Block Alice?" in text_of(confirm.text)
    assert post_form(b, f"/friends/{alice}/block").status_code == 303
    assert run_async(app, Friendship.count()) == 0 and run_async(app, Block.count()) == 1
    assert "Alice" in b.get("/friends/blocked/").text
    assert "Alice" not in text_of(b.get("/friends/").text).replace("Alice's", "")
    for client, other in ((a, bob), (b, alice)):
        assert client.get(f"/friends/{other}/button").status_code == 404
        assert client.get(f"/friends/{other}/status.json").status_code == 404
    assert post_form(a, f"/friends/{bob}/unblock").status_code == 404  # not Alice's block to lift
    assert post_form(b, f"/friends/{alice}/unblock").status_code == 303
    assert run_async(app, Block.count()) == 0
    assert a.get(f"/friends/{bob}/status.json").json()["state"] == "none"


def test_htmx_button_swaps_in_place(app, people):
    alice, a = people("Alice")
    bob, b = people("Bob")
    fragment = a.get(f"/friends/{bob}/button")
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Add Bob as a friend" in fragment.text and 'hx-post="/friends/requests/"' in fragment.text
    headers = {"HX-Request": "true"}
    sent = post_form(a, "/friends/requests/", {"member_id": str(bob), "ui": "button"}, headers=headers)
    assert sent.status_code == 200 and "<html" not in sent.text
    assert "Friend request sent" in sent.text and f'id="fr-button-{bob}"' in sent.text
    again = post_form(a, "/friends/requests/", {"member_id": str(bob), "ui": "button"}, headers=headers)
    assert "You have already sent a friend request to Bob." in again.text
    assert run_async(app, FriendRequest.count()) == 1
    incoming = b.get(f"/friends/{alice}/button")
    assert "Alice sent you a friend request." in incoming.text


def test_nav_badge_counts_pending_requests(app, people):
    _, a = people("Alice")
    _, b = people("Bob")
    _, c = people("Carol")
    _send(a, "Bob")
    _send(c, "Bob")
    page = b.get("/friends/requests/").text
    assert 'href="/friends/"' in page
    assert '<span class="badge">2</span>' in page


def test_friend_list_paginates(app, people):
    me, client = people("Alice")
    others = [make_member(app, email=f"m{i}@example.org", pseudonym=f"Member{i:02d}", site="uk") for i in range(30)]
    from plugins.friends import services

    async def befriend():
        for other in others:
            await Friendship.insert(
                Friendship(member=me, friend=other, pair_key=f"{me}:{other}", site="uk", created_at=services._now()),
                Friendship(member=other, friend=me, pair_key=f"{other}:{me}", site="uk", created_at=services._now()),
            )

    run_async(app, befriend())
    first = client.get("/friends/").text
    assert "My friends (30)" in text_of(first) and 'rel="next"' in first
    second = client.get("/friends/?page=2")
    assert second.status_code == 200 and 'rel="prev"' in second.text
    assert client.get("/friends/?page=3").status_code == 404
    assert client.get("/friends/?page=0").status_code == 404
