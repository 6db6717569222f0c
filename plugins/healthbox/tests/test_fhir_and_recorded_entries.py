"""A complete, valid FHIR R4 export (issue 14 items 5–8) and entries plugins compute (record_entry, issue 13)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from fhir.resources.R4B.bundle import Bundle

from core.api import EntryRejected, Metric, Tracker, record_entry
from core.testing import edition_today, login, make_member, post_form, run_async
from plugins.healthbox import services
from plugins.healthbox.sdk.fhir import PSEUDONYM_SYSTEM, TRACKER_SYSTEM, PatientRef, build_bundle
from plugins.healthbox.sdk.fhir_scores import SCORE_SYSTEM
from plugins.healthbox.sdk.records import EntryRecord
from plugins.healthbox.tables import Entry

OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended"}


def _validate(bundle_json: dict) -> Bundle:
    """Validate with the fhir.resources models (R4B: Bundle, Patient, Observation and
    QuestionnaireResponse are unchanged from R4), then what the models leave out:
    statuses, resolvable references, the Patient's content."""
    model = Bundle.model_validate_json(json.dumps(bundle_json))
    urls = {entry["fullUrl"] for entry in bundle_json["entry"]}
    patients = [e for e in bundle_json["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert len(patients) == 1
    patient = patients[0]
    assert set(patient["resource"]) == {"resourceType", "identifier", "name"}  # pseudonym only
    for entry in bundle_json["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] in ("Observation", "QuestionnaireResponse"):
            assert resource["subject"] == {"reference": patient["fullUrl"]}
        if resource["resourceType"] == "Observation":
            assert resource["status"] in OBSERVATION_STATUS
            for ref in (*resource.get("hasMember", ()), *resource.get("derivedFrom", ())):
                assert ref["reference"] in urls
    return model


def _codes(bundle_json: dict) -> dict[str, dict]:
    """Local code → resource, for every Observation."""
    found = {}
    for entry in bundle_json["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Observation":
            local = next(c for c in resource["code"]["coding"] if c["system"] in (TRACKER_SYSTEM, SCORE_SYSTEM))
            found[local["code"]] = resource
    return found


def _loinc(resource: dict) -> str | None:
    return next((c["code"] for c in resource["code"]["coding"] if c["system"] == "http://loinc.org"), None)


@pytest.fixture
def member(app, client_for):
    member_id = make_member(app, email="fhir@example.org", pseudonym="Fhirefly", site="uk")
    client = client_for("uk")
    login(client, "fhir@example.org")
    return client, member_id


def test_whole_export_is_a_valid_r4_bundle_with_the_right_codes(member):
    client, _ = member
    today = edition_today().isoformat()
    post_form(client, "/healthbox/settings", {"height_cm": "5'10\"", "unit_height": "[in_i]"})
    forms = {
        "weight": {"weight": "72.5", "waist": "84"},
        "sleep": {
            "t_bed": "23:00",
            "t_try": "23:10",
            "sol_min": "10",
            "n_awak": "1",
            "waso_min": "5",
            "t_final": "06:50",
            "t_out": "07:00",
            "quality": "4",
        },
        "tobacco": {"cigs_today": "12"},
        "activity": {"moderate_min": "30", "steps": "8000"},
        "feeling": {"feel_physical": "6", "feel_psych": "7", "feel_social": "5"},
    }
    for slug, data in forms.items():
        assert post_form(client, f"/healthbox/{slug}/", {"date": today, **data}).status_code == 303, slug
    ftnd = {"ftnd_1": "2", "ftnd_2": "0", "ftnd_3": "0", "ftnd_4": "1", "ftnd_5": "0", "ftnd_6": "0"}
    assert post_form(client, "/healthbox/tobacco/q/ftnd/", ftnd).status_code == 200
    assert post_form(client, "/healthbox/tobacco/q/mtss/", {"mtss_1": "6"}).status_code == 200
    bundle = client.get("/me/export").json()["healthbox"]["fhir_bundle"]
    assert "fhir@example.org" not in json.dumps(bundle)  # the account's own export has it; the Bundle never
    _validate(bundle)
    patient = bundle["entry"][0]["resource"]
    assert patient["identifier"] == [{"system": PSEUDONYM_SYSTEM, "value": "Fhirefly"}]
    codes = _codes(bundle)
    assert _loinc(codes["weight.waist"]) == "56115-9"  # midway rib–iliac crest, not 8280-0 (umbilicus)
    assert codes["weight.height"]["valueQuantity"]["value"] == 177.8  # 70 in exactly
    assert _loinc(codes["sleep.tst_min"]) == "93832-4"
    assert _loinc(codes["tobacco.cigs_today"]) == "96103-7"
    assert _loinc(codes["activity.steps"]) == "41950-7"
    assert codes["tobacco.ftnd"]["valueInteger"] == 3  # 2 + 0 + 0 + 1 + 0 + 0
    assert codes["tobacco.ftnd.hsi"]["valueInteger"] == 3  # item 1 (2) + item 4 (1)
    assert codes["tobacco.mtss"]["valueInteger"] == 6
    responses = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    assert {r["questionnaire"].rsplit("/", 1)[1] for r in responses} == {"tobacco.ftnd|1", "tobacco.mtss|1"}
    assert all(not any(c["code"] == "85353-1" for c in o["code"]["coding"]) for o in codes.values())


def test_pss_total_has_its_loinc_code_and_covers_the_recall_period(make_app, client_for):
    app = make_app(licensed_instruments=["pss10"])
    make_member(app, email="pss-fhir@example.org", pseudonym="Calm", site="uk")
    client = client_for("uk", app)
    login(client, "pss-fhir@example.org")
    answers = {f"pss10_{n}": "1" for n in range(1, 11)}
    assert post_form(client, "/healthbox/feeling/q/pss10/", answers).status_code == 200
    bundle = client.get("/me/export").json()["healthbox"]["fhir_bundle"]
    _validate(bundle)
    total = _codes(bundle)["feeling.pss10"]
    assert _loinc(total) == "106860-0" and total["valueInteger"] == 18  # six items at 1, four reversed at 3
    day = edition_today("uk")
    assert total["effectivePeriod"] == {"start": (day - timedelta(days=29)).isoformat(), "end": day.isoformat()}


def test_a_declared_panel_groups_the_entrys_observations() -> None:
    body = Tracker(
        slug="body",
        name="Body",
        description="Weight and height.",
        metrics=(
            Metric("weight", "Weight", "decimal", unit="kg", loinc="29463-7"),
            Metric("height", "Height", "decimal", unit="cm", loinc="8302-2"),
        ),
        loinc_panel="85353-1",
        category="vital-signs",
    )
    record = EntryRecord("body", date(2024, 3, 10), {"weight": Decimal("64"), "height": Decimal("160")}, _stamp())
    bundle = build_bundle([record], [body], patient=PatientRef("urn:uuid:6f1c7e34-8a70-4a5c-9b3e-2d1f0a9b8c7d", "A"))
    _validate(bundle)
    panel = bundle["entry"][-1]["resource"]
    assert _loinc(panel) == "85353-1"
    assert [m["reference"] for m in panel["hasMember"]] == [e["fullUrl"] for e in bundle["entry"][1:3]]


def _stamp():
    from datetime import UTC, datetime

    return datetime(2024, 3, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
def scores_app(make_app, client_for):
    import sample_scores_plugin

    app = make_app(extra_plugins=[sample_scores_plugin])
    member_id = make_member(app, email="game@example.org", pseudonym="Gamer", site="uk")
    client = client_for("uk", app)
    login(client, "game@example.org")
    return app, client, member_id


def test_hook_store_tracker_entry(scores_app):
    """A plugin records values it computed: stored, on the dashboard, charted, in CSV and FHIR, erased."""
    app, client, member_id = scores_app
    day = edition_today()
    for n, (span, correct) in enumerate(((5, 9), (6, 10))):
        values = {"span": span, "correct": correct, "dprime": Decimal("2.31") + n}
        entry = run_async(
            app, record_entry(member_id, "memgame", day - timedelta(days=1 - n), values, source="memgame")
        )
        assert entry.values["total"] == span + correct and entry.source == "memgame"
    rows = run_async(app, Entry.select(Entry.values, Entry.source).where(Entry.member == member_id).order_by(Entry.day))
    assert [row["source"] for row in rows] == ["memgame", "memgame"]
    assert services.loads(rows[1]["values"]) == {"span": 6, "correct": 10, "dprime": Decimal("3.31"), "total": 16}
    assert 'href="/healthbox/memgame/"' in client.get("/healthbox/").text
    page = client.get("/healthbox/memgame/")
    assert page.status_code == 200 and "<svg" in page.text
    table = list(csv.reader(io.StringIO(client.get("/healthbox/export.csv?tracker=memgame").text)))
    assert table[0][-1] == "source" and table[2][-1] == "memgame" and table[2][4] == "3.31"
    bundle = client.get("/me/export").json()["healthbox"]["fhir_bundle"]
    _validate(bundle)
    codes = _codes(bundle)
    assert codes["memgame.dprime"]["valueQuantity"]["value"] == 3.31 and codes["memgame.total"]
    assert post_form(client, "/healthbox/memgame/q/context/", {"slept_badly": "1"}).status_code == 200
    assert _codes(client.get("/me/export").json()["healthbox"]["fhir_bundle"])["memgame.context"]["valueInteger"] == 1
    run_async(app, services.erase_member(member_id))
    assert run_async(app, Entry.count().where(Entry.member == member_id)) == 0


def test_recorded_values_are_checked_against_the_declaration(scores_app, app):
    app, _, member_id = scores_app
    day = edition_today()
    with pytest.raises(EntryRejected) as too_long:
        run_async(app, record_entry(member_id, "memgame", day, {"span": 12, "correct": 3}, source="memgame"))
    assert set(too_long.value.errors) == {"span"}  # hard limit 0–9
    with pytest.raises(EntryRejected) as unknown:
        run_async(app, record_entry(member_id, "memgame", day, {"span": 5, "correct": 3, "iq": 140}, source="memgame"))
    assert set(unknown.value.errors) == {"iq"}
    with pytest.raises(EntryRejected):
        run_async(
            app,
            record_entry(member_id, "memgame", day + timedelta(days=2), {"span": 5, "correct": 3}, source="memgame"),
        )
    with pytest.raises(KeyError):
        run_async(app, record_entry(member_id, "nope", day, {"span": 5}, source="memgame"))
    other = make_member(app, email="noconsent@example.org", pseudonym="NoConsent", consents=("core.terms",))
    with pytest.raises(PermissionError):
        run_async(app, record_entry(other, "memgame", day, {"span": 5, "correct": 3}, source="memgame"))
    assert run_async(app, Entry.count()) == 0
