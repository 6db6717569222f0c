"""A condition cohort end to end through the real profile plugin: eligibility, joining and the extract."""

from __future__ import annotations

from core.testing import login, make_member, post_form, run_async, text_of
from plugins.studies.tests.test_studies_flow import CONSENTS, _approved_study

WITH_HEALTH = (*CONSENTS, "core.health_data")


def _member_with(app, client_for, n, code):
    email = f"c{n}@example.org"
    make_member(app, email=email, pseudonym=f"Cohort{n}", site="uk", consents=WITH_HEALTH, birth_year=1975)
    client = client_for("uk")
    login(client, email)
    assert post_form(client, "/profile/me/conditions/add", {"code": code}).status_code == 303
    return client


def test_members_with_the_condition_are_eligible_and_counted_others_are_not(app, client_for):
    from plugins.studies.tables import Disclosure, Participation, Study

    study_id, partner = _approved_study(app, client_for)
    run_async(app, Study.update({Study.conditions: ["E11"]}).where(Study.id == study_id))
    assert "profile" in run_async(app, _enabled(app))  # the real profile plugin, not a stand-in
    diabetic = [_member_with(app, client_for, n, "E11") for n in range(11)]  # type 2 diabetes, on their profile
    asthmatic = _member_with(app, client_for, 99, "J45")
    for client in diabetic:
        assert "Pain and peers" in client.get("/studies/").text
        assert post_form(client, f"/studies/{study_id}/join", {"sex": "f", "agree": "1"}).status_code == 303
    assert "Pain and peers" not in asthmatic.get("/studies/").text
    assert asthmatic.get(f"/studies/{study_id}/join").status_code == 404
    assert post_form(asthmatic, f"/studies/{study_id}/join", {"sex": "f", "agree": "1"}).status_code == 404
    assert run_async(app, Participation.count()) == 11
    assert post_form(partner, f"/studies/{study_id}/extracts").status_code == 303
    assert "Total 10 0 0 10" in text_of(partner.get(f"/studies/{study_id}").text)  # 11 women aged 51 -> 10
    assert run_async(app, Disclosure.count()) == 11
    assert "Nothing was shared about you." in asthmatic.get("/me/disclosures").text


async def _enabled(app):
    rt = app.state.entraide
    return await rt.enablement.enabled(rt.site("uk"))
