"""Export holds every friendship, request and block; erasure removes the member everywhere."""

from __future__ import annotations

from core.testing import post_form, run_async, text_of
from plugins.friends.tables import Block, FriendRequest, Friendship


def test_export_has_friendships_requests_and_blocks(app, people):
    _alice, a = people("Alice")
    bob, b = people("Bob")
    people("Carol")
    dave, d = people("Dave")
    eve, _ = people("Eve")
    post_form(a, "/friends/requests/", {"pseudonym": "Bob"})
    request_id = run_async(app, FriendRequest.select(FriendRequest.id).first())["id"]
    post_form(b, f"/friends/requests/{request_id}/accept")
    post_form(a, "/friends/requests/", {"pseudonym": "Carol"})
    post_form(d, "/friends/requests/", {"pseudonym": "Alice"})
    post_form(a, f"/friends/{eve}/block")
    data = a.get("/me/export").json()["friends"]
    assert [(f["friend_id"], f["pseudonym"]) for f in data["friendships"]] == [(bob, "Bob")]
    assert [r["pseudonym"] for r in data["requests_sent"]] == ["Carol"]
    assert [(r["from_member_id"], r["pseudonym"]) for r in data["requests_received"]] == [(dave, "Dave")]
    assert [(x["blocked_member_id"], x["pseudonym"]) for x in data["blocks"]] == [(eve, "Eve")]
    assert all("since" in f for f in data["friendships"])


def test_erased_member_disappears_from_friend_lists_and_requests(app, people):
    _alice, a = people("Alice")
    bob, b = people("Bob")
    carol, c = people("Carol")
    post_form(a, "/friends/requests/", {"pseudonym": "Bob"})
    post_form(b, f"/friends/requests/{run_async(app, FriendRequest.select(FriendRequest.id).first())['id']}/accept")
    post_form(a, "/friends/requests/", {"pseudonym": "Carol"})
    post_form(c, f"/friends/{bob}/block")
    post_form(a, f"/friends/{carol}/block")
    assert "Alice" in text_of(b.get("/friends/").text)
    done = post_form(a, "/me/delete", {"password": "entraide-demo-2026"})
    assert done.status_code == 303
    assert "Alice" not in text_of(b.get("/friends/").text)
    assert "Alice" not in c.get("/friends/requests/").text
    assert run_async(app, Friendship.count()) == 0
    assert run_async(app, FriendRequest.count()) == 0
    blocks = run_async(app, Block.select(Block.blocker, Block.blocked))
    assert blocks == [{"blocker": carol, "blocked": bob}]  # other members' blocks stay
