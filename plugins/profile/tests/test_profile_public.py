"""The public profile: each viewer sees what the owner opened to them; others get 404."""

from __future__ import annotations

import re

import pytest

from core.testing import login, make_member, post_form, text_of


def _befriend(asker, answerer, pseudonym):
    """Through the friends plugin's pages only (plugins never import each other, tests neither)."""
    assert post_form(asker, "/friends/requests/", {"pseudonym": pseudonym}).status_code == 303
    request_id = re.search(r"/friends/requests/(\d+)/accept", answerer.get("/friends/requests/").text).group(1)
    assert post_form(answerer, f"/friends/requests/{request_id}/accept").status_code == 303


@pytest.fixture
def alice(people):
    """Alice opens one condition to each audience; Bob is her friend; Carol is another member."""
    alice_id, a = people("Alice")
    bob_id, b = people("Bob")
    _, c = people("Carol")
    for code, visibility in (("J45", "members"), ("G43.1", "friends"), ("E03.9", "me")):
        post_form(a, "/profile/me/conditions/add", {"code": code, "visibility": visibility, "since": "2012"})
    post_form(a, "/profile/me/symptoms/add", {"code": "R53", "visibility": "friends"})
    post_form(a, "/profile/me/treatments/add", {"name": "Blue inhaler", "visibility": "members"})
    bio = "Cyclist. **Asthmatic** since 2004. <script>alert(1)</script>"
    post_form(a, "/profile/me/bio", {"bio": bio, "visibility": "members"})
    _befriend(b, a, "Alice")
    return {"id": alice_id, "owner": a, "friend": b, "member": c, "bob_id": bob_id}


def test_each_viewer_sees_what_was_opened_to_them(alice):
    owner = text_of(alice["owner"].get("/profile/Alice").text)
    assert all(x in owner for x in ("Asthma", "Migraine with aura", "Underactive thyroid", "Fatigue", "Blue inhaler"))
    friend = text_of(alice["friend"].get("/profile/alice").text)  # any case
    assert "Asthma" in friend and "Migraine with aura" in friend and "Fatigue" in friend
    assert "Underactive thyroid" not in friend
    member = text_of(alice["member"].get("/profile/Alice").text)
    assert "Asthma" in member and "Blue inhaler" in member and "since 2012" in member
    assert "Migraine" not in member and "Fatigue" not in member and "thyroid" not in member
    assert "alice@example.org" not in member and "1980" not in member  # never e-mail nor birth year


def test_bio_is_rendered_markdown_without_scripts(alice):
    page = alice["member"].get("/profile/Alice").text
    assert "<strong>Asthmatic</strong>" in page and "<script>alert" not in page


def test_json_follows_the_same_rules(alice):
    data = alice["member"].get("/profile/Alice/data.json").json()
    assert [c["code"] for c in data["conditions"]] == ["J45"] and data["symptoms"] == []
    assert data["conditions"][0]["label"] == "Asthma" and data["treatments"] == [
        {"name": "Blue inhaler", "since": None}
    ]
    friend = alice["friend"].get("/profile/Alice/data.json").json()
    assert sorted(c["code"] for c in friend["conditions"]) == ["G43.1", "J45"]


def test_friend_buttons_on_a_profile(alice, people):
    _, dave = people("Dave")
    page = dave.get("/profile/Alice").text
    assert "Add Alice as a friend" in page and f'name="member_id" value="{alice["id"]}"' in page
    assert "You are friends" in text_of(alice["friend"].get("/profile/Alice").text)
    assert "Add Alice as a friend" not in alice["owner"].get("/profile/Alice").text


@pytest.mark.parametrize("case", ["unknown", "other_edition", "blocked_by_owner", "blocked_the_owner"])
def test_404_for_unknown_other_edition_and_blocks(app, alice, client_for, case):
    viewer = alice["member"]
    if case == "other_edition":
        make_member(app, email="ulrich@example.org", pseudonym="Ulrich", site="de")
        viewer = client_for("de")
        login(viewer, "ulrich@example.org")
    if case == "blocked_by_owner":
        carol_id = int(re.search(r'name="member_id" value="(\d+)"', alice["owner"].get("/profile/Carol").text).group(1))
        assert post_form(alice["owner"], f"/friends/{carol_id}/block").status_code == 303
    if case == "blocked_the_owner":
        assert post_form(viewer, f"/friends/{alice['id']}/block").status_code == 303
    name = "Nobody" if case == "unknown" else "Alice"
    assert viewer.get(f"/profile/{name}").status_code == 404
    assert viewer.get(f"/profile/{name}", headers={"HX-Request": "true"}).status_code == 404
    assert viewer.get(f"/profile/{name}/data.json", headers={"accept": "application/json"}).status_code == 404


def test_health_fields_hidden_while_the_owner_withdraws_consent(alice):
    post_form(alice["owner"], "/me/consents/core.health_data/withdraw")
    page = text_of(alice["member"].get("/profile/Alice").text)
    assert "Lives with" not in page and "Blue inhaler" not in page
    assert "Alice does not share health information with you." in page
    assert "Cyclist" in page  # the bio is not health data
    post_form(alice["owner"], "/me/consents/core.health_data/grant")
    assert "Lives with Asthma" in text_of(alice["member"].get("/profile/Alice").text)


def test_unfriending_narrows_what_bob_sees(alice):
    post_form(alice["owner"], f"/friends/{alice['bob_id']}/remove")
    page = text_of(alice["friend"].get("/profile/Alice").text)
    assert "Asthma" in page and "Migraine" not in page
