"""Editing one's own profile: consent guard, adding, changing, removing; bad input stores nothing."""

from __future__ import annotations

from datetime import date, timedelta

from core.testing import post_form, run_async, text_of
from plugins.profile.tables import Condition, Profile, Symptom, Treatment


def _conditions(app, member_id):
    return run_async(app, Condition.select().where(Condition.member == member_id).order_by(Condition.id))


def test_health_fields_need_the_health_data_consent(app, people):
    member_id, client = people("Alice", consents=("core.terms",))
    page = client.get("/profile/")
    assert page.status_code == 403 and "/me/consents" in page.text
    refused = post_form(client, "/profile/me/conditions/add", {"code": "J45"})
    assert refused.status_code == 403
    assert _conditions(app, member_id) == []
    post_form(client, "/me/consents/core.health_data/grant")
    assert client.get("/profile/").status_code == 200


def test_add_update_remove_a_condition(app, people):
    member_id, client = people("Alice")
    added = post_form(client, "/profile/me/conditions/add", {"code": "J45", "since": "2004", "visibility": "members"})
    assert added.status_code == 303 and added.headers["location"] == "/profile/#conditions"
    page = text_of(client.get("/profile/").text)
    assert "Asthma" in page and "J45" in page
    [row] = _conditions(app, member_id)
    assert (row["code"], row["since"], row["visibility"]) == ("J45", "2004", "members")
    changed = post_form(
        client, f"/profile/me/conditions/{row['id']}/update", {"since": "2004-09", "visibility": "friends"}
    )
    assert changed.status_code == 303
    assert (_conditions(app, member_id)[0]["since"], _conditions(app, member_id)[0]["visibility"]) == (
        "2004-09",
        "friends",
    )
    assert post_form(client, f"/profile/me/conditions/{row['id']}/delete").status_code == 303
    assert _conditions(app, member_id) == []


def test_new_items_are_visible_only_to_me_by_default(app, people):
    _member_id, client = people("Alice")
    post_form(client, "/profile/me/conditions/add", {"code": "E11"})
    post_form(client, "/profile/me/symptoms/add", {"code": "R53"})
    post_form(client, "/profile/me/treatments/add", {"name": "Metformin"})
    for table in (Condition, Symptom, Treatment):
        assert [r["visibility"] for r in run_async(app, table.select(table.visibility))] == ["me"]


def test_bad_input_says_why_and_stores_nothing(app, people):
    member_id, client = people("Alice")
    future = (date.today() + timedelta(days=40)).isoformat()[:7]
    cases = [
        ("/profile/me/conditions/add", {"code": "Z99.99"}, "This code is not in our list"),
        ("/profile/me/conditions/add", {"code": "R53"}, "This code is not in our list"),  # a symptom, not a condition
        ("/profile/me/conditions/add", {"code": "J45", "since": future}, "The date cannot be in the future."),
        ("/profile/me/conditions/add", {"code": "J45", "since": "next year"}, "Enter a year like 2019"),
        ("/profile/me/conditions/add", {"code": "J45", "since": "1850"}, "Enter a year after 1900."),
        ("/profile/me/conditions/add", {"code": "J45", "visibility": "everyone"}, "Choose who may see this."),
        (
            "/profile/me/symptoms/add",
            {"code": "R53", "since": str(date.today().year + 1)},
            "The date cannot be in the future.",
        ),
        ("/profile/me/treatments/add", {"name": "   "}, "Enter the name of the treatment."),
        ("/profile/me/treatments/add", {"name": "x" * 121}, "Keep the treatment name under 120 characters."),
        ("/profile/me/bio", {"bio": "x" * 2001}, "Keep your presentation under 2000 characters."),
    ]
    for url, data, message in cases:
        response = post_form(client, url, data)
        assert response.status_code == 400, (url, data, response.status_code)
        assert message in response.text, (url, data)
        assert 'role="alert"' in response.text
    for table in (Condition, Symptom, Treatment, Profile):
        assert run_async(app, table.count()) == 0, table
    assert post_form(client, "/profile/me/conditions/add", {"code": "J45"}).status_code == 303
    duplicate = post_form(client, "/profile/me/conditions/add", {"code": "j45"})
    assert duplicate.status_code == 400 and "This is already in your profile." in duplicate.text
    assert len(_conditions(app, member_id)) == 1
    row = _conditions(app, member_id)[0]
    kept = post_form(client, f"/profile/me/conditions/{row['id']}/update", {"since": future, "visibility": "members"})
    assert kept.status_code == 400 and "The date cannot be in the future." in kept.text
    assert (_conditions(app, member_id)[0]["since"], _conditions(app, member_id)[0]["visibility"]) == (None, "me")


def test_since_accepts_a_year_a_month_or_a_day_up_to_today(app, people):
    member_id, client = people("Alice")
    today = date.today()
    for code, since in (("J45", str(today.year)), ("E11", today.isoformat()[:7]), ("G35", today.isoformat())):
        assert post_form(client, "/profile/me/conditions/add", {"code": code, "since": since}).status_code == 303
    assert sorted(r["since"] for r in _conditions(app, member_id)) == sorted(
        [str(today.year), today.isoformat()[:7], today.isoformat()]
    )


def test_items_of_another_member_are_not_found(app, people):
    alice, a = people("Alice")
    _, b = people("Bob")
    post_form(a, "/profile/me/conditions/add", {"code": "J45"})
    post_form(a, "/profile/me/treatments/add", {"name": "Inhaler"})
    condition = _conditions(app, alice)[0]["id"]
    treatment = run_async(app, Treatment.select(Treatment.id).first())["id"]
    for url in (
        f"/profile/me/conditions/{condition}/update",
        f"/profile/me/conditions/{condition}/delete",
        f"/profile/me/treatments/{treatment}/update",
        f"/profile/me/treatments/{treatment}/delete",
        f"/profile/me/symptoms/{condition}/delete",
        "/profile/me/diseases/1/delete",
    ):
        assert post_form(b, url, {"visibility": "members"}).status_code == 404, url
    assert _conditions(app, alice)[0]["visibility"] == "me" and run_async(app, Treatment.count()) == 1


def test_treatments_and_bio(app, people):
    _member_id, client = people("Alice")
    assert (
        post_form(client, "/profile/me/treatments/add", {"name": "Salbutamol  inhaler", "since": "2010"}).status_code
        == 303
    )
    again = post_form(client, "/profile/me/treatments/add", {"name": "salbutamol inhaler"})
    assert again.status_code == 400 and "already in your profile" in again.text
    saved = post_form(client, "/profile/me/bio", {"bio": "Hello **there**", "visibility": "members"})
    assert saved.status_code == 303
    row = run_async(app, Profile.select().first())
    assert (row["bio"], row["bio_visibility"]) == ("Hello **there**", "members")
    assert "Salbutamol inhaler" in client.get("/profile/").text


def test_anonymous_visitors_are_sent_to_log_in(client):
    for path in (
        "/profile/",
        "/profile/search?q=asthma",
        "/profile/conditions/",
        "/profile/conditions/J45/",
        "/profile/Alice",
    ):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path
