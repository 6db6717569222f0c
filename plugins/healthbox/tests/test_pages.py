"""Health Box as a member uses it: forms, validation, charts, privacy, exports."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest

from core.testing import edition_today, login, make_member, post_form, run_async, text_of
from plugins.healthbox.tables import Entry, QuestionnaireResponse, Setting


@pytest.fixture
def alice(app, client):
    member_id = make_member(app, email="alice@example.org", pseudonym="Alice")
    login(client, "alice@example.org")
    return member_id


def entries(app, member_id, tracker=None):
    query = Entry.select().where(Entry.member == member_id)
    if tracker:
        query = query.where(Entry.tracker == tracker)
    return run_async(app, query)


def test_dashboard_lists_the_six_trackers(client, alice):
    page = client.get("/healthbox/")
    assert page.status_code == 200
    for slug in ("weight", "feeling", "sleep", "tobacco", "food", "activity"):
        assert f'href="/healthbox/{slug}/"' in page.text


def test_health_pages_need_the_health_data_consent(client, app):
    make_member(app, email="bob@example.org", pseudonym="Bob", consents=("core.terms",))
    login(client, "bob@example.org")
    page = client.get("/healthbox/weight/")
    assert page.status_code == 403
    assert "/me/consents#purpose-core.health_data" in page.text
    assert (
        post_form(client, "/healthbox/weight/", {"date": edition_today().isoformat(), "weight": "70"}).status_code
        == 403
    )
    post_form(client, "/me/consents/core.health_data/grant")
    assert client.get("/healthbox/weight/").status_code == 200


def test_weight_entry_is_saved_with_bmi_and_charted(client, app, alice):
    today = edition_today().isoformat()
    post_form(client, "/healthbox/settings", {"height_cm": "175"})
    response = post_form(client, "/healthbox/weight/", {"date": today, "weight": "70,0"})
    assert response.status_code == 303, text_of(response.text)[:500]
    rows = entries(app, alice, "weight")
    values = json.loads(rows[0]["values"])
    assert values["weight"] == 70.0 and values["bmi"] == 22.9
    page = client.get("/healthbox/weight/")
    assert "<svg" in page.text and "22,9" in page.text  # French decimals
    assert "Normal range" in page.text or "Corpulence normale" in page.text or "normale" in page.text


def test_pounds_are_converted_to_kilograms(client, app, alice):
    post_form(
        client, "/healthbox/weight/", {"date": edition_today().isoformat(), "weight": "154.3", "unit_weight": "[lb_av]"}
    )
    assert json.loads(entries(app, alice, "weight")[0]["values"])["weight"] == pytest.approx(70.0, abs=0.05)


@pytest.mark.parametrize(
    ("tracker", "data", "field"),
    [
        ("weight", {"weight": "0"}, "weight"),
        ("weight", {"weight": "900"}, "weight"),
        ("weight", {"weight": "abc"}, "weight"),
        ("weight", {"weight": "70", "date": (edition_today() + timedelta(days=2)).isoformat()}, "date"),
        ("weight", {"weight": "70", "unit_weight": "stone"}, "weight"),
        (
            "sleep",
            {
                "t_bed": "2024-01-01T22:00",
                "t_try": "2024-01-01T22:10",
                "sol_min": "10",
                "n_awak": "0",
                "waso_min": "0",
                "t_final": "2024-01-03T04:00",
                "t_out": "2024-01-03T04:10",
                "quality": "3",
            },
            None,
        ),
    ],
)
def test_bad_values_give_a_field_error_and_store_nothing(client, app, alice, tracker, data, field):
    payload = {"date": edition_today().isoformat(), **data}
    response = post_form(client, f"/healthbox/{tracker}/", payload)
    assert response.status_code == 400
    assert "Nothing was saved" in response.text or "Rien n" in response.text or 'role="alert"' in response.text
    if field and field != "date":
        assert f'id="hb-{field}-error"' in response.text
    assert entries(app, alice) == []


def test_unusual_value_needs_confirmation(client, app, alice):
    today = edition_today().isoformat()
    first = post_form(client, "/healthbox/weight/", {"date": today, "weight": "260"})
    assert first.status_code == 400 and 'name="confirm_outliers"' in first.text
    assert entries(app, alice) == []
    second = post_form(client, "/healthbox/weight/", {"date": today, "weight": "260", "confirm_outliers": "1"})
    assert second.status_code == 303
    assert entries(app, alice)[0]["confirmed_outlier"] is True


def test_same_day_entry_asks_before_replacing_then_replaces(client, app, alice):
    today = edition_today().isoformat()
    assert post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "12"}).status_code == 303
    asked = post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "9"})
    assert asked.status_code == 409
    assert "Vous avez déjà enregistré une saisie" in asked.text and 'name="replaces"' in asked.text
    assert 'value="9"' in asked.text  # what the member typed is kept
    assert json.loads(entries(app, alice, "tobacco")[0]["values"])["cigs_today"] == 12  # nothing replaced yet
    confirmed = post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "9", "replaces": today})
    assert confirmed.status_code == 303
    rows = entries(app, alice, "tobacco")
    assert len(rows) == 1 and json.loads(rows[0]["values"])["cigs_today"] == 9


def test_editing_todays_entry_from_the_prefilled_form_does_not_ask(client, app, alice):
    today = edition_today().isoformat()
    post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "12"})
    page = client.get("/healthbox/tobacco/").text
    assert f'name="replaces" value="{today}"' in page  # the form carries the day it edits
    assert (
        post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "8", "replaces": today}).status_code
        == 303
    )
    yesterday = (edition_today() - timedelta(days=1)).isoformat()
    post_form(client, "/healthbox/tobacco/", {"date": yesterday, "cigs_today": "10"})
    # The form edited today; switching its date to a day that has an entry asks.
    moved = post_form(client, "/healthbox/tobacco/", {"date": yesterday, "cigs_today": "7", "replaces": today})
    assert moved.status_code == 409


def test_error_summary_names_each_field_and_links_to_it(client, alice):
    page = post_form(client, "/healthbox/weight/", {"date": "2999-01-01", "weight": "abc"})
    assert page.status_code == 400
    summary = re.search(r'<div class="alert error-summary".*?</div>', page.text, re.S)
    assert summary, "no error summary"
    links = dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0)))
    assert set(links) >= {"hb-date", "hb-weight"}
    assert links["hb-date"].startswith("Date\u00a0:") and links["hb-weight"].startswith("Poids\u00a0:")
    assert 'id="hb-date"' in page.text and 'id="hb-weight"' in page.text and 'id="hb-date-error"' in page.text


def test_entries_are_private_to_their_owner(client_for, app, alice, client):
    today = edition_today().isoformat()
    post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "17"})
    make_member(app, email="eve@example.org", pseudonym="Eve")
    eve = client_for("be")
    login(eve, "eve@example.org")
    page = eve.get("/healthbox/tobacco/")
    assert page.status_code == 200
    assert "17" not in text_of(page.text.split('id="history-h"')[1])
    assert post_form(eve, f"/healthbox/tobacco/entries/{today}/delete").status_code == 404
    assert len(entries(app, alice, "tobacco")) == 1
    assert "17" not in eve.get("/healthbox/export.csv?tracker=tobacco").text


def test_delete_own_entry(client, app, alice):
    today = edition_today().isoformat()
    post_form(client, "/healthbox/tobacco/", {"date": today, "cigs_today": "5"})
    assert post_form(client, f"/healthbox/tobacco/entries/{today}/delete").status_code == 303
    assert entries(app, alice) == []


def test_csv_export_and_bad_tracker(client, alice):
    post_form(client, "/healthbox/tobacco/", {"date": edition_today().isoformat(), "cigs_today": "7"})
    csv = client.get("/healthbox/export.csv?tracker=tobacco")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    header, row = csv.text.splitlines()[:2]
    assert header.startswith("date,recorded_at,cigs_today") and ",7," in f",{row},"
    bad = client.get("/healthbox/export.csv?tracker=nope", headers={"accept": "application/json"})
    assert bad.status_code == 400 and "tracker" in bad.json()["detail"]


def test_member_export_has_entries_and_fhir_bundle(client, alice):
    post_form(client, "/healthbox/settings", {"height_cm": "175"})
    post_form(client, "/healthbox/weight/", {"date": edition_today().isoformat(), "weight": "70"})
    data = client.get("/me/export").json()["healthbox"]
    assert data["entries"][0]["weight"] == 70  # as typed: a whole number stays whole
    bundle = data["fhir_bundle"]
    assert bundle["resourceType"] == "Bundle"
    codes = {c["code"] for e in bundle["entry"][1:] for c in e["resource"]["code"]["coding"]}
    assert {"29463-7", "39156-5"} <= codes
    weight = next(
        e["resource"]
        for e in bundle["entry"][1:]
        if any(c["code"] == "29463-7" for c in e["resource"]["code"]["coding"])
    )
    assert weight["valueQuantity"] == {
        **weight["valueQuantity"],
        "value": 70.0,
        "system": "http://unitsofmeasure.org",
        "code": "kg",
    }
    archive = zipfile.ZipFile(io.BytesIO(client.get("/me/export.zip").content))
    assert "healthbox/entries.csv" in archive.namelist()


def test_member_export_writes_decimals_as_json_numbers(client, alice):
    post_form(client, "/healthbox/weight/", {"date": edition_today().isoformat(), "weight": "72,5"})
    assert client.get("/me/export").json()["healthbox"]["entries"][0]["weight"] == 72.5
    archive = zipfile.ZipFile(io.BytesIO(client.get("/me/export.zip").content))
    entry = json.loads(archive.read("data.json"))["healthbox"]["entries"][0]
    assert entry["weight"] == 72.5 and isinstance(entry["weight"], float)  # a number, not "72.5"
    assert archive.read("healthbox/entries.csv").decode().splitlines()[1].count(",72.5") == 1


def test_account_deletion_erases_health_box(client, app, alice):
    post_form(client, "/healthbox/tobacco/", {"date": edition_today().isoformat(), "cigs_today": "7"})
    post_form(client, "/healthbox/settings", {"height_cm": "170"})
    post_form(client, "/me/delete", {"password": "entraide-demo-2026"})
    for table in (Entry, QuestionnaireResponse, Setting):
        assert run_async(app, table.count().where(table.member == alice)) == 0


def test_disabling_keeps_data_and_reenabling_brings_it_back(client, app, alice):
    post_form(client, "/healthbox/tobacco/", {"date": edition_today().isoformat(), "cigs_today": "3"})
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "healthbox", False))
    assert client.get("/healthbox/tobacco/").status_code == 404
    assert "/healthbox/" not in client.get("/").text
    run_async(app, rt.enablement.set(rt.site("fr"), "healthbox", True))
    assert len(entries(app, alice)) == 1
    assert client.get("/healthbox/tobacco/").status_code == 200


def test_fagerstrom_questionnaire_scores_and_bands(client, app, alice):
    page = client.get("/healthbox/tobacco/q/ftnd/")
    assert page.status_code == 200
    keys = re.findall(r'name="([a-z0-9_]+)" value="', page.text)
    items = list(dict.fromkeys(k for k in keys if k != "_csrf_token"))
    answers = {}
    for key in items:
        values = re.findall(rf'name="{key}" value="(\d+)"', page.text)
        answers[key] = max(values, key=int)
    result = post_form(client, "/healthbox/tobacco/q/ftnd/", answers)
    assert result.status_code == 200
    assert "10" in text_of(result.text)
    rows = run_async(app, QuestionnaireResponse.select().where(QuestionnaireResponse.member == alice))
    assert rows[0]["score"] == 10
    incomplete = post_form(client, "/healthbox/tobacco/q/ftnd/", {"ftnd_1": "3"})
    assert incomplete.status_code == 400


def test_unknown_tracker_is_404(client, alice):
    assert client.get("/healthbox/nonsense/").status_code == 404


def test_hook_register_tracker_types(make_app, client_for):
    import sample_tracker_plugin

    app = make_app(extra_plugins=[sample_tracker_plugin])
    make_member(app, email="alice@example.org")
    client = client_for("fr", app)
    login(client, "alice@example.org")
    assert 'href="/healthbox/hydration/"' in client.get("/healthbox/").text
    form = client.get("/healthbox/hydration/")
    assert 'name="glasses"' in form.text
    assert (
        post_form(client, "/healthbox/hydration/", {"date": edition_today().isoformat(), "glasses": "55"}).status_code
        == 400
    )
    ok = post_form(client, "/healthbox/hydration/", {"date": edition_today().isoformat(), "glasses": "8"})
    assert ok.status_code == 303
    assert "<svg" in client.get("/healthbox/hydration/").text
    csv = client.get("/healthbox/export.csv?tracker=hydration").text
    assert csv.splitlines()[0].startswith("date,recorded_at,glasses") and ",8," in csv
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "hydration", False))
    assert client.get("/healthbox/hydration/").status_code == 404


def test_licensed_questionnaire_is_off_until_the_operator_enables_it(make_app, client_for):
    for licensed, expected in (("", 404), ("pss4", 200)):
        app = make_app(licensed_instruments=[licensed] if licensed else [])
        make_member(app, email=f"p{expected}@example.org", pseudonym=f"P{expected}", site="uk")
        client = client_for("uk", app)
        login(client, f"p{expected}@example.org")
        assert client.get("/healthbox/feeling/q/pss4/").status_code == expected


def test_settings_errors_name_the_field_and_keep_what_was_typed(client, alice):
    page = post_form(client, "/healthbox/settings", {"height_cm": "175", "pack_price": "beaucoup"})
    assert page.status_code == 400
    summary = re.search(r'<div class="alert error-summary".*?</div>', page.text, re.S)
    assert summary and 'href="#hb-price"' in summary.group(0) and "Prix d'un paquet de 20\u00a0:" in summary.group(0)
    assert 'id="hb-price"' in page.text and 'aria-invalid="true"' in page.text
    assert 'value="175"' in page.text and 'value="beaucoup"' in page.text  # nothing typed is lost
