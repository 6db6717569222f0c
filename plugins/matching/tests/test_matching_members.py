"""Members like me: opt-in, ranking, public items only, blocks, never myself; the relation."""

from __future__ import annotations

import re

from core.api import related
from core.testing import post_form, run_async, text_of


def _names(client, page="/matching/"):
    html = client.get(page).text
    return re.findall(r'class="mt-name">(?:<a [^>]*>)?([^<]+)<', html)


def test_ranked_by_weighted_overlap(person):
    _, me = person("Alice", conditions={"J45": "members", "E11": "members"}, symptoms={"R53": "members"})
    person("Bea", conditions={"J45": "members", "E11": "members"})  # two conditions: 2 × (10 + 3)
    person("Cleo", conditions={"J45.0": "members"})  # same category J45: 10 + 3
    person("Dora", conditions={"E10": "members"})  # same family only (diabetes): 3
    person("Emil", symptoms={"R53": "members"})  # a symptom only: 1
    person("Finn", conditions={"G35": "members"})  # nothing shared
    assert _names(me) == ["Bea", "Cleo", "Dora", "Emil"]
    page = text_of(me.get("/matching/").text)
    assert "Lives with: Allergic asthma" in page and "Same family: Diabetes mellitus" in page


def test_only_public_items_of_findable_members(person):
    _, me = person("Alice", conditions={"J45": "members"})
    person("Bea", conditions={"J45": "friends"})  # not open to all members
    person("Cleo", conditions={"J45": "members"}, consents=("core.terms", "core.health_data"))  # not findable
    person("Dora", conditions={"J45": "me"})
    person("Emil", conditions={"J45": "members"})
    assert _names(me) == ["Emil"]


def test_private_conditions_improve_my_list_without_showing_me(person):
    _alice_id, me = person("Alice", conditions={"G35": "me"})
    _bea_id, bea = person("Bea", conditions={"G35": "members"})
    assert _names(me) == ["Bea"]  # my private MS finds Bea
    assert _names(bea) == []  # but Bea cannot find me through it


def test_not_findable_sees_the_one_click_invitation(app, person):
    _alice_id, me = person("Alice", conditions={"J45": "members"}, consents=("core.terms", "core.health_data"))
    person("Bea", conditions={"J45": "members"})
    page = me.get("/matching/")
    assert page.status_code == 200 and 'action="/me/consents/matching.findable/grant"' in page.text
    assert _names(me) == []
    granted = post_form(me, "/me/consents/matching.findable/grant", {"next": "/matching/"})
    assert granted.status_code == 303 and granted.headers["location"] == "/matching/"
    assert _names(me) == ["Bea"]
    _, bea = person("Cleo", conditions={"J45": "members"})
    assert "Alice" in _names(bea)  # granting put my public items in the index at once
    post_form(me, "/me/consents/matching.findable/withdraw")
    assert "Alice" not in _names(bea)


def test_withdrawing_health_consent_or_unpublishing_removes_me(person):
    _, alice = person("Alice", conditions={"J45": "members"})
    _, bea = person("Bea", conditions={"J45": "members"})
    assert _names(bea) == ["Alice"]
    post_form(alice, "/me/consents/core.health_data/withdraw")
    assert _names(bea) == []
    post_form(alice, "/me/consents/core.health_data/grant")
    assert _names(bea) == ["Alice"]
    item = re.search(r"/profile/me/conditions/(\d+)/update", alice.get("/profile/").text).group(1)
    post_form(alice, f"/profile/me/conditions/{item}/update", {"visibility": "friends"})
    assert _names(bea) == []


def test_blocked_members_never_appear_and_never_myself(person):
    alice_id, alice = person("Alice", conditions={"J45": "members"})
    _bea_id, bea = person("Bea", conditions={"J45": "members"})
    person("Cleo", conditions={"J45": "members"})
    assert _names(alice) == ["Bea", "Cleo"]
    post_form(bea, f"/friends/{alice_id}/block")
    assert _names(alice) == ["Cleo"] and _names(bea) == ["Cleo"]


def test_other_editions_are_not_mixed(person):
    _, alice = person("Alice", conditions={"J45": "members"})
    person("Lea", conditions={"J45": "members"}, site="de")
    assert _names(alice) == []


def test_similar_relation_feeds_friend_suggestions(app, person):
    alice_id, alice = person("Alice", conditions={"J45": "members"})
    bea_id, _ = person("Bea", conditions={"J45": "members"})
    assert run_async(app, related("uk", "matching.similar", alice_id)) == [bea_id]
    page = alice.get("/friends/").text
    assert "Members like you" in page and "Bea" in page
    post_form(alice, "/friends/requests/", {"member_id": str(bea_id)})
    alice.get("/friends/")  # the one-time "request sent" message
    assert "Members like you" not in alice.get("/friends/").text  # pending: no longer suggested


def test_friend_button_on_matches(person):
    _, alice = person("Alice", conditions={"J45": "members"})
    bea_id, _ = person("Bea", conditions={"J45": "members"})
    page = alice.get("/matching/").text
    assert f'name="member_id" value="{bea_id}"' in page
    post_form(alice, "/friends/requests/", {"member_id": str(bea_id), "next": "/matching/"})
    assert "Request pending" in alice.get("/matching/").text


def test_pages_need_login_and_health_consent(client, person):
    for path in ("/matching/", "/matching/conditions"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.get("/matching/conditions.json", headers={"accept": "application/json"}).status_code == 401
    _, nobody = person("Alice", consents=("core.terms",))
    assert nobody.get("/matching/").status_code == 403


def test_disabled_on_an_edition_is_404_and_keeps_the_index(app, person):
    from plugins.matching.tables import Entry

    _, alice = person("Alice", conditions={"J45": "members"})
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "matching", False))
    for path in ("/matching/", "/matching/conditions", "/matching/conditions.csv"):
        assert alice.get(path).status_code == 404, path
    assert run_async(app, Entry.count()) == 2  # c:J45 and f:J40-J47 stay
    run_async(app, rt.enablement.set(rt.site("uk"), "matching", True))
    assert alice.get("/matching/").status_code == 200


def test_export_and_erase(app, person):
    from plugins.matching.tables import Entry

    alice_id, alice = person("Alice", conditions={"J45": "members"}, symptoms={"R53": "members"})
    data = alice.get("/me/export").json()["matching"]["index"]
    assert {(r["key"], r["code"]) for r in data} == {("c:J45", "J45"), ("f:J40-J47", "J40-J47"), ("s:R53", "R53")}
    assert post_form(alice, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    assert run_async(app, Entry.count().where(Entry.member == alice_id)) == 0
