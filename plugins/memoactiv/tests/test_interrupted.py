"""A scored block interrupted by hiding the page is void (reference sheet §7): nothing is kept of it.

The page posts a notice to ``/memoactiv/runs/<token>/void`` (the real-browser
test dispatches the visibility change); the server forgets the plan, so
starting again shows fresh stimuli. Results marked interrupted are refused.
"""

from __future__ import annotations

from core.testing import csrf_token, post_form, run_async, text_of
from plugins.memoactiv.simulate import payload_for
from plugins.memoactiv.tables import Run, Session
from plugins.memoactiv.tests.conftest import backdate, issued_run, post_run

VOID_MESSAGE = "L’exercice a été interrompu parce que la page a été masquée"


def _void(client, run):
    return client.post(f"/memoactiv/runs/{run['token']}/void", json={}, headers={"X-CSRFToken": csrf_token(client)})


def test_results_marked_interrupted_are_refused_and_nothing_is_stored(app, member):
    run = issued_run(app, member.client, "/memoactiv/train/rt_simple")
    backdate(app, run)
    payload = payload_for("rt_simple", run["plan"], run["token"], seed=2)
    response = post_run(member.client, run, {**payload, "interrupted": True})
    assert response.status_code == 400 and VOID_MESSAGE in response.json()["error"]
    stored = run_async(app, Run.select(Run.status, Run.trials).where(Run.id == run["id"]).first())
    assert stored["status"] == "issued" and stored["trials"] in ("[]", [])
    assert post_run(member.client, run, {**payload, "interrupted": False}).status_code == 200


def test_a_void_training_run_is_forgotten_and_starting_again_shows_fresh_stimuli(app, member):
    client = member.client
    run = issued_run(app, client, "/memoactiv/train/span_forward")
    response = _void(client, run)
    assert response.status_code == 200 and response.json()["next"] == "/memoactiv/train/span_forward?again=1"
    assert run_async(app, Run.count().where(Run.member == member.member_id)) == 0  # nothing kept
    page = client.get(response.json()["next"])
    assert "Passer l’entraînement et commencer l’exercice" in text_of(page.text)
    fresh = run_async(app, Run.select().where(Run.member == member.member_id).first().output(load_json=True))
    assert fresh["token"] != run["token"] and fresh["token"] in page.text
    # The forgotten plan's results can no longer be posted; another member's plan is a 404.
    assert post_run(client, run, payload_for("span_forward", run["plan"], run["token"])).status_code == 404
    assert _void(client, fresh).status_code == 200
    assert run_async(app, Run.count().where(Run.member == member.member_id)) == 0


def test_a_void_checkin_word_list_moves_to_the_next_parallel_list(app, member):
    client = member.client
    session_url = post_form(client, "/memoactiv/checkin", {}).headers["location"]
    session = run_async(app, Session.select().where(Session.member == member.member_id).first().output(load_json=True))
    run = issued_run(app, client, session_url)
    assert run["exercise"] == "words"
    assert f'data-token="{run["token"]}"' in client.get(session_url).text  # reloading keeps the plan…
    response = _void(client, run)
    assert response.json()["next"] == f"{session_url}?again=1"
    fresh = issued_run(app, client, response.json()["next"])
    assert fresh["token"] != run["token"]  # …but a void block gets a fresh one
    assert fresh["plan"]["form"] != run["plan"]["form"]  # the list partly seen is not shown again
    form = run_async(app, Session.select(Session.form).where(Session.id == session["id"]).first())["form"]
    assert form == fresh["plan"]["form"]


def test_a_run_already_saved_cannot_be_voided(app, member, signed_in):
    run = issued_run(app, member.client, "/memoactiv/train/rt_simple")
    backdate(app, run)
    assert post_run(member.client, run, payload_for("rt_simple", run["plan"], run["token"])).status_code == 200
    assert _void(member.client, run).status_code == 409
    assert run_async(app, Run.count().where(Run.id == run["id"])) == 1
    other = signed_in(email="other@example.org")
    fresh = issued_run(app, member.client, "/memoactiv/train/rt_simple")
    assert _void(other.client, fresh).status_code == 404
