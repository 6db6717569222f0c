"""What other plugins learn (events, relation), export and erase, and the edition switch."""

from __future__ import annotations

import profile_recorder
import pytest

from core.api import related
from core.testing import login, make_member, post_form, run_async, seed_demo, text_of
from plugins.profile.tables import Condition, Profile, Symptom, Treatment


@pytest.fixture
def recorded(make_app, client_for):
    app = make_app(extra_plugins=[profile_recorder])
    profile_recorder.EVENTS.clear()
    member_id = make_member(app, email="alice@example.org", pseudonym="Alice", site="uk")
    client = client_for("uk", app)
    login(client, "alice@example.org")
    return app, member_id, client


def _last(name="profile.conditions.changed"):
    return [e for e in profile_recorder.EVENTS if e.name == name][-1]


def test_changes_announce_only_what_all_members_may_see(recorded):
    app, member_id, client = recorded
    post_form(client, "/profile/me/conditions/add", {"code": "J45", "visibility": "members"})
    post_form(client, "/profile/me/conditions/add", {"code": "F32", "visibility": "me"})
    post_form(client, "/profile/me/symptoms/add", {"code": "R53", "visibility": "members"})
    event = _last()
    assert (event.member_id, event.site) == (member_id, "uk")
    assert event.payload["public_conditions"] == ["J45"] and event.payload["public_symptoms"] == ["R53"]
    assert sorted(event.payload["conditions"]) == ["F32", "J45"]
    assert event.payload["findable_fields"] == ["conditions", "symptoms"]
    assert event.payload["concepts"]["J45"]["family"] == "J40-J47"
    assert event.payload["concepts"]["J45"]["labels"]["fr"] == "Asthme"
    assert "F32" not in event.payload["concepts"]  # private items carry no labels either
    row = run_async(app, Condition.select(Condition.id).where(Condition.code == "J45").first())
    post_form(client, f"/profile/me/conditions/{row['id']}/update", {"visibility": "friends"})
    assert _last().payload["public_conditions"] == []


def test_withdrawing_health_consent_announces_nothing_left(recorded):
    _app, _member_id, client = recorded
    post_form(client, "/profile/me/conditions/add", {"code": "J45", "visibility": "members"})
    post_form(client, "/me/consents/core.health_data/withdraw")
    assert _last().payload == {"conditions": [], "public_conditions": [], "public_symptoms": [], "findable_fields": []}
    post_form(client, "/me/consents/core.health_data/grant")
    assert _last().payload["public_conditions"] == ["J45"]


def test_relation_gives_my_own_codes_under_consent(recorded):
    app, member_id, client = recorded
    post_form(client, "/profile/me/conditions/add", {"code": "E11"})
    assert run_async(app, related("uk", "profile.conditions", member_id)) == ["E11"]
    post_form(client, "/me/consents/core.health_data/withdraw")
    assert run_async(app, related("uk", "profile.conditions", member_id)) == []


def test_export_and_erase(app, people):
    member_id, client = people("Alice")
    _, other = people("Bob")
    post_form(client, "/profile/me/conditions/add", {"code": "J45", "since": "2004", "visibility": "members"})
    post_form(client, "/profile/me/symptoms/add", {"code": "R53", "visibility": "friends"})
    post_form(client, "/profile/me/treatments/add", {"name": "Inhaler", "visibility": "me"})
    post_form(client, "/profile/me/bio", {"bio": "Hi", "visibility": "friends"})
    post_form(other, "/profile/me/conditions/add", {"code": "E11"})
    data = client.get("/me/export").json()["profile"]
    assert data["conditions"] == [
        {"code": "J45", "since": "2004", "visibility": "members", "label": "Asthma", "system": "ICD-10"}
    ]
    assert data["symptoms"][0]["code"] == "R53" and data["symptoms"][0]["visibility"] == "friends"
    assert data["treatments"] == [{"name": "Inhaler", "since": None, "visibility": "me"}]
    assert data["bio"] == [{"text": "Hi", "visibility": "friends"}]
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    for table in (Condition, Symptom, Treatment, Profile):
        assert run_async(app, table.count().where(table.member == member_id)) == 0
    assert run_async(app, Condition.count()) == 1  # Bob's stays
    assert other.get("/profile/Alice").status_code == 404


def test_disabled_on_an_edition_is_404_and_keeps_the_data(app, people):
    _member_id, client = people("Alice")
    post_form(client, "/profile/me/conditions/add", {"code": "J45"})
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "profile", False))
    for path in ("/profile/", "/profile/Alice", "/profile/conditions/J45/", "/profile/search?q=asthma"):
        assert client.get(path).status_code == 404, path
    assert post_form(client, "/profile/me/conditions/add", {"code": "E11"}).status_code == 404
    assert run_async(app, Condition.count()) == 1
    run_async(app, rt.enablement.set(rt.site("uk"), "profile", True))
    assert "Asthma" in client.get("/profile/").text


def test_demo_gives_camille_a_full_profile_with_varied_visibility(app, client):
    ctx = seed_demo(app)
    camille = ctx.by_email["camille@demo.entraide.test"].id
    visibilities = {r["visibility"] for r in run_async(app, Condition.select().where(Condition.member == camille))}
    assert visibilities == {"members", "friends", "me"}
    assert run_async(app, Condition.count()) > 300
    login(client, "camille@demo.entraide.test")
    page = text_of(client.get("/profile/").text)
    assert "Asthme" in page and "Migraine avec aura" in page and "Ventoline" in page
    spread = run_async(app, Condition.select(Condition.visibility))
    counts = {v: sum(1 for r in spread if r["visibility"] == v) for v in ("members", "friends", "me")}
    assert all(n > 20 for n in counts.values()), counts
