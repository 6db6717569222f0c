"""Privacy: results are the member's own, need the health-data consent, travel in the export and go with erasure.

Disabled on an edition, every MémoActiv page is a 404 and nothing is lost.
"""

from __future__ import annotations

import pytest

from core.testing import login, make_member, post_form, run_async
from plugins.memoactiv.simulate import payload_for
from plugins.memoactiv.tables import Run, Session, Setting
from plugins.memoactiv.tests.conftest import backdate, issued_run, post_run

PAGES = ("/memoactiv/", "/memoactiv/settings", "/memoactiv/checkin", "/memoactiv/history/span_forward")


@pytest.fixture
def done_run(app, member):
    """A finished training run of the forward digit span."""
    run = issued_run(app, member.client, "/memoactiv/train/span_forward")
    backdate(app, run)
    assert post_run(member.client, run, payload_for("span_forward", run["plan"], run["token"])).status_code == 200
    return run


def test_results_are_404_for_anybody_else(app, member, done_run, signed_in):
    other = signed_in()
    assert member.client.get(f"/memoactiv/results/{done_run['id']}").status_code == 200
    assert other.client.get(f"/memoactiv/results/{done_run['id']}").status_code == 404
    fresh = issued_run(app, member.client, "/memoactiv/train/span_backward")
    payload = payload_for("span_backward", fresh["plan"], fresh["token"])
    assert post_run(other.client, fresh, payload).status_code == 404  # someone else's plan token
    assert "ma-training-score" in member.client.get("/memoactiv/history/span_forward").text
    assert "ma-training-score" not in other.client.get("/memoactiv/history/span_forward").text
    # Somebody else's check-in page is a 404 too.
    assert post_form(member.client, "/memoactiv/checkin", {}).status_code == 303
    session = run_async(app, Session.select(Session.id).where(Session.member == member.member_id).first())
    assert member.client.get(f"/memoactiv/checkin/{session['id']}").status_code == 200
    assert other.client.get(f"/memoactiv/checkin/{session['id']}").status_code == 404


def test_pages_need_the_health_data_consent(app, client):
    make_member(app, email="bob@example.org", pseudonym="Bob", consents=("core.terms",))
    login(client, "bob@example.org")
    for url in (*PAGES, "/memoactiv/train/span_forward"):
        page = client.get(url)
        assert page.status_code == 403, url
        assert "/me/consents#purpose-core.health_data" in page.text
    assert 'href="/memoactiv/"' not in client.get("/").text
    assert run_async(app, Run.count()) == 0  # no plan issued without consent
    post_form(client, "/me/consents/core.health_data/grant")
    assert client.get("/memoactiv/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/memoactiv/", follow_redirects=False)
    assert response.status_code in (302, 303) and "/login" in response.headers["location"]


def test_disabled_on_an_edition_is_404_and_keeps_the_data(app, member, done_run):
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "memoactiv", False))
    for url in (*PAGES, f"/memoactiv/results/{done_run['id']}", "/memoactiv/train/span_forward"):
        assert member.client.get(url).status_code == 404, url
    assert post_run(member.client, done_run, {}).status_code == 404
    assert member.client.get("/healthbox/memoactiv_span/").status_code == 404  # its Health Box tracker too
    assert 'href="/memoactiv/"' not in member.client.get("/").text
    assert run_async(app, Run.count().where(Run.member == member.member_id)) == 1
    run_async(app, rt.enablement.set(rt.site("fr"), "memoactiv", True))
    assert member.client.get(f"/memoactiv/results/{done_run['id']}").status_code == 200
    assert member.client.get("/healthbox/memoactiv_span/").status_code == 200


def test_export_holds_every_run_with_its_trials_and_settings(app, member, done_run):
    post_form(member.client, "/memoactiv/settings", {"optional": ["stroop"], "colour_vision": "ok"})
    assert post_form(member.client, "/memoactiv/checkin", {"bad_night": "1"}).status_code == 303
    data = member.client.get("/me/export").json()["memoactiv"]
    [run] = [r for r in data["runs"] if r["status"] == "done"]
    assert run["exercise"] == "span_forward" and run["trials"] and run["scores"]["longest"] >= 0
    assert "token" not in run  # the plan token is a credential, not data
    assert data["settings"]["optional"] == ["stroop"] and data["settings"]["colour_vision"] == "ok"
    assert data["checkins"][0]["context"] == ["bad_night"]


def test_erasure_removes_runs_checkins_and_settings(app, member, done_run, signed_in):
    other = signed_in()
    kept = issued_run(app, other.client, "/memoactiv/train/span_forward")
    post_form(member.client, "/memoactiv/settings", {"optional": ["nback"]})
    post_form(member.client, "/memoactiv/checkin", {})
    assert post_form(member.client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    for table in (Run, Session, Setting):
        assert run_async(app, table.count().where(table.member == member.member_id)) == 0, table
    assert run_async(app, Run.exists().where(Run.id == kept["id"]))


@pytest.mark.parametrize(
    ("site", "title", "instruction"),
    [
        ("fr", "Chiffres à l’endroit", "Des chiffres vont apparaître un par un, un par seconde."),
        ("uk", "Digits forward", "Digits will appear one at a time, one per second."),
        ("de", "Ziffern vorwärts", "Ziffern erscheinen einzeln, eine pro Sekunde."),
    ],
)
def test_exercise_pages_speak_the_editions_language(signed_in, site, title, instruction):
    page = signed_in(site=site).client.get("/memoactiv/train/span_forward")
    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.text and instruction in page.text
