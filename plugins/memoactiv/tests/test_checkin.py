"""A whole weekly check-in over HTTP: context questions, each exercise in turn, summary, Health Box entries."""

from __future__ import annotations

from core.testing import post_form, run_async, text_of
from plugins.memoactiv.plans import make_plan
from plugins.memoactiv.simulate import payload_for
from plugins.memoactiv.tables import Run, Session
from plugins.memoactiv.tests.conftest import backdate, post_run

REQUIRED_STEPS = ["words", "span_forward", "span_backward", "rt_simple", "words_delayed"]


def _token(html: str) -> str:
    return html.split('data-token="', 1)[1].split('"', 1)[0]


def test_a_weekly_checkin_runs_every_step_and_reaches_the_health_box(app, member):
    client = member.client
    start = post_form(client, "/memoactiv/checkin", {"bad_night": "1"})
    assert start.status_code == 303
    session_url = start.headers["location"]
    session = run_async(app, Session.select().where(Session.member == member.member_id).first().output(load_json=True))
    assert session["steps"] == REQUIRED_STEPS and session["context"] == ["bad_night"]
    words = make_plan("words", language=session["language"], form=session["form"])["words"]
    for number, step in enumerate(REQUIRED_STEPS, 1):
        page = client.get(session_url)
        assert page.status_code == 200
        assert f"Bilan : exercice {number} sur {len(REQUIRED_STEPS)}" in text_of(page.text).replace("\xa0", " ")
        again = client.get(session_url)
        assert _token(again.text) == _token(page.text)  # reloading keeps the same plan
        run = run_async(app, Run.select().where(Run.token == _token(page.text)).first().output(load_json=True))
        assert run["exercise"] == step and run["mode"] == "checkin"
        if step == "words_delayed":
            assert "words" not in run["plan"]  # the delayed recall never shows the list again
        backdate(app, run, minutes=10)
        payload = payload_for(step, run["plan"], run["token"], seed=number, words=words)
        response = post_run(client, run, payload)
        assert response.status_code == 200, response.text
        assert response.json()["next"] == session_url
    summary = text_of(client.get(session_url).text)
    assert "Liste de mots : rappel différé" in summary
    stored = run_async(app, Session.select(Session.status).where(Session.id == session["id"]).first())
    assert stored["status"] == "done"
    # The scores are in the Health Box through the tracker SDK (span, reaction time, words).
    dashboard = client.get("/healthbox/").text
    for tracker in ("memoactiv_span", "memoactiv_rt", "memoactiv_words"):
        assert f'href="/healthbox/{tracker}/"' in dashboard, tracker
        assert client.get(f"/healthbox/{tracker}/").status_code == 200
    csv = client.get("/healthbox/export.csv?tracker=memoactiv_words").text
    assert "memoactiv" in csv.splitlines()[-1]
    observations = [
        e["resource"]
        for e in client.get("/me/export").json()["healthbox"]["fhir_bundle"]["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    codes = {coding["code"] for resource in observations for coding in resource["code"]["coding"]}
    assert "memoactiv_span.forward_span" in codes and "106731-3" in codes  # LOINC verbal memory count
    # One check-in a week: the next one is not due yet.
    again = post_form(client, "/memoactiv/checkin", {})
    assert again.status_code == 303 and again.headers["location"] == "/memoactiv/checkin"
    assert run_async(app, Session.count().where(Session.member == member.member_id)) == 1
