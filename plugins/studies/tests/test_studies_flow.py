"""Studies end to end: a partner's study, an operator's review, consented members, extracts, privacy rights."""

from __future__ import annotations

from datetime import date, timedelta

import plugins.studies as studies
from core.testing import (
    assert_plugin_contract,
    audit_actions,
    login,
    make_member,
    post_form,
    run_async,
    text_of,
    withdraw_consent,
)

CONSENTS = ("core.terms", "core.partner_studies")


def _study_form(**overrides):
    form = {
        "title": "Pain and peers",
        "sponsor": "Lab Demo",
        "purpose_en": "Describe who uses peer support.",
        "site": "uk",
        "age_min": "18",
        "age_max": "90",
        "variables": ["age_band", "sex"],
        "ends_on": str(date.today() + timedelta(days=60)),
    }
    form.update(overrides)
    return form


def _approved_study(app, client_for):
    from plugins.studies.tables import Study

    make_member(app, email="lab@example.org", pseudonym="Lab", role="partner", site="uk", consents=("core.terms",))
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator", site="uk", consents=("core.terms",))
    partner = client_for("uk")
    login(partner, "lab@example.org")
    assert post_form(partner, "/studies/new", _study_form()).status_code == 303
    study_id = run_async(app, Study.select(Study.id).first())["id"]
    ops = client_for("uk")
    login(ops, "ops@example.org")
    assert post_form(ops, f"/studies/{study_id}/review", {"decision": "approved"}).status_code == 303
    return study_id, partner


def _join(app, client_for, n, *, start=0, sex="f", year=1970):
    ids = []
    for i in range(start, start + n):
        email = f"m{i}@example.org"
        ids.append(make_member(app, email=email, pseudonym=f"Member{i}", site="uk", consents=CONSENTS, birth_year=year))
        client = client_for("uk")
        login(client, email)
        assert post_form(client, "/studies/1/join", {"sex": sex, "agree": "1"}).status_code == 303
    return ids


def test_contract(make_app):
    assert_plugin_contract(studies, make_app())


def test_bad_study_forms_are_refused_and_nothing_is_stored(app, client_for):
    from plugins.studies.tables import Study

    make_member(app, email="lab@example.org", pseudonym="Lab", role="partner", site="uk")
    client = client_for("uk")
    login(client, "lab@example.org")
    yesterday = str(date.today() - timedelta(days=1))
    for bad, message in (
        ({"ends_on": yesterday}, "The end date must be after today."),
        ({"age_min": "70", "age_max": "40"}, "No member can be in this cohort"),
        ({"variables": ["age_band", "diagnosis"]}, "Unknown variable: diagnosis. Choose among the listed variables."),
        ({"variables": ["healthbox.bmi.median"]}, "Unknown variable: healthbox.bmi.median."),
        ({"variables": []}, "Choose one or more of the listed variables."),
        ({"purpose_en": ""}, "Describe the purpose in at least one language."),
        ({"conditions": "E11, diabetes"}, "Give ICD-10 codes separated by commas"),
    ):
        page = post_form(client, "/studies/new", _study_form(**bad))
        assert page.status_code == 400 and message in page.text, bad
    assert run_async(app, Study.count()) == 0
    member = client_for("uk")
    make_member(app, email="bob@example.org", pseudonym="Bob", site="uk")
    login(member, "bob@example.org")
    assert member.get("/studies/new", follow_redirects=False).status_code == 404  # not a partner


def test_review_extracts_withdrawal_and_disclosures(app, client_for):
    study_id, partner = _approved_study(app, client_for)
    assert "studies.study.approved" in audit_actions(app)
    ids = _join(app, client_for, 10)
    refused = partner.post(
        f"/studies/{study_id}/extracts", headers={"x-csrftoken": partner.cookies.get("csrftoken", "")}
    )
    page = partner.get(f"/studies/{study_id}")
    assert "Fewer than 11 members take part" in page.text or refused.status_code in (200, 303)
    assert "No extract yet." in page.text  # a cohort of 10: nothing published
    ids += _join(app, client_for, 14, start=10, sex="m", year=1960)
    assert post_form(partner, f"/studies/{study_id}/extracts").status_code == 303
    table = text_of(partner.get(f"/studies/{study_id}").text)
    # 10 women aged 56 (hidden), 14 men aged 66 (hidden as the complement of the 50-59 total), total 24 -> 25
    assert "50-59 hidden 0 0 hidden 60-69 0 hidden 0 hidden" in table and "Total hidden hidden 0 25" in table
    csv = partner.get(f"/studies/{study_id}/extracts/1/csv").text
    assert csv.splitlines()[0] == "age_band,f,m,o,total"
    assert "50-59,suppressed,0,0,suppressed" in csv and "total,suppressed,suppressed,0,25" in csv
    # a never-consenting member cannot join, a withdrawn one is not counted
    make_member(app, email="nope@example.org", pseudonym="Nope", site="uk", consents=("core.terms",))
    nope = client_for("uk")
    login(nope, "nope@example.org")
    assert post_form(nope, f"/studies/{study_id}/join", {"sex": "f", "agree": "1"}).status_code == 403
    withdraw_consent(app, ids[0], "core.partner_studies", site="uk")
    leaver = client_for("uk")
    login(leaver, "m1@example.org")
    assert post_form(leaver, f"/studies/{study_id}/leave").status_code == 303
    post_form(partner, f"/studies/{study_id}/extracts")
    assert "Only 2 members joined or left compared with an earlier extract" in partner.get(f"/studies/{study_id}").text
    mine = leaver.get("/me/disclosures").text
    assert "Pain and peers" in mine and mine.count("Lab Demo") == 1


def test_another_partner_reaches_nothing(app, client_for):
    study_id, _ = _approved_study(app, client_for)
    make_member(app, email="rival@example.org", pseudonym="Rival", role="partner", site="uk")
    rival = client_for("uk")
    login(rival, "rival@example.org")
    assert rival.get(f"/studies/{study_id}").status_code == 404
    assert rival.get(f"/studies/{study_id}/extracts/1/csv").status_code == 404
    assert post_form(rival, f"/studies/{study_id}/extracts").status_code == 404


def test_export_erase_and_disabled_keeps_data(app, client_for):
    from plugins.studies.services import erase_member, export_member
    from plugins.studies.tables import Participation

    _approved_study(app, client_for)
    [member] = _join(app, client_for, 1)
    data = run_async(app, export_member(member))
    assert data["participations"][0]["sex"] == "f" and data["participations"][0]["age_band"] == "50-59"
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "studies", False))
    assert client_for("uk").get("/studies/", follow_redirects=False).status_code == 404
    assert run_async(app, Participation.count()) == 1  # disabled: data kept
    run_async(app, erase_member(member))
    assert run_async(app, Participation.count()) == 0


def test_disclosures_page_is_empty_for_a_member_never_counted(app, client_for):
    make_member(app, email="bob@example.org", pseudonym="Bob", site="uk", consents=CONSENTS)
    client = client_for("uk")
    login(client, "bob@example.org")
    page = client.get("/me/disclosures")
    assert page.status_code == 200 and "Nothing was shared about you." in page.text
    assert client.get("/studies/disclosures", follow_redirects=False).headers["location"] == "/me/disclosures"


def test_a_condition_cohort_is_not_offered_to_members_without_that_condition(app, client_for):
    from plugins.studies.tables import Study

    study_id, _ = _approved_study(app, client_for)
    run_async(app, Study.update({Study.conditions: ["E11"]}).where(Study.id == study_id))
    make_member(app, email="bob@example.org", pseudonym="Bob", site="uk", consents=CONSENTS)
    client = client_for("uk")
    login(client, "bob@example.org")
    assert "Pain and peers" not in client.get("/studies/").text  # Bob recorded no type 2 diabetes
    assert client.get(f"/studies/{study_id}/join").status_code == 404
