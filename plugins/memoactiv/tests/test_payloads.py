"""Results posted by the page: a real run is scored and stored; a tampered one is refused (400, nothing stored).

Each test starts from the payload the simulated member's browser would send
for the plan the server issued, then changes one thing.
"""

from __future__ import annotations

import copy

import pytest

from core.testing import run_async
from plugins.memoactiv.simulate import payload_for
from plugins.memoactiv.tables import Run
from plugins.memoactiv.tests.conftest import backdate, issued_run, post_run


@pytest.fixture
def span(app, member):
    run = issued_run(app, member.client, "/memoactiv/train/span_forward")
    backdate(app, run)
    return run, payload_for("span_forward", run["plan"], run["token"], seed=3)


def _stored(app, run):
    return run_async(app, Run.select(Run.status, Run.trials).where(Run.id == run["id"]).first().output(load_json=True))


def test_a_real_run_is_scored_on_the_server_and_shown(app, member, span):
    run, payload = span
    response = post_run(member.client, run, payload)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next"] == f"/memoactiv/results/{run['id']}"
    stored = _stored(app, run)
    assert stored["status"] == "done" and len(stored["trials"]) == len(payload["trials"])
    page = member.client.get(body["next"])
    assert page.status_code == 200 and body["score"] in page.text
    again = post_run(member.client, run, payload)
    assert again.status_code == 400 and "déjà été enregistrés" in again.json()["error"]


TAMPERING = {
    "one trial too many": (
        lambda p: p["trials"].append({**p["trials"][-1], "i": len(p["trials"])}),
        "jamais montrés",
    ),
    "a trial missing": (lambda p: p["trials"].pop(), "Nombre d’essais"),
    "a negative time": (lambda p: p["trials"][0].update(rt=-250), "négatif"),
    "a reaction under 100 ms": (lambda p: p["trials"][0].update(rt=40), "moins de 100 ms"),
    "a two-hour trial": (lambda p: p["trials"][0].update(rt=7_200_000), "hors de la plage possible"),
    "an answer to a trial never shown": (lambda p: p["trials"][1].update(i=99), "jamais été montré"),
    "a time that is not a number": (lambda p: p["trials"][0].update(rt="fast"), "pas un nombre"),
    "a run longer than the page was open": (lambda p: p.update(duration=3_000_000), "plus longtemps"),
    "another run's token": (lambda p: p.update(token="x" * 32), "ne correspondent pas"),
    "no device": (lambda p: p.pop("device"), "appareil"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampered_payloads_are_refused_and_nothing_is_stored(app, member, span, case):
    run, payload = span
    tamper, message = TAMPERING[case]
    bad = copy.deepcopy(payload)
    tamper(bad)
    response = post_run(member.client, run, bad)
    assert response.status_code == 400
    assert message in response.json()["error"], response.json()
    assert _stored(app, run) == {"status": "issued", "trials": []}
    # The honest payload is still accepted afterwards.
    assert post_run(member.client, run, payload).status_code == 200


def test_unreadable_or_huge_bodies_are_refused(app, member, span):
    run, _ = span
    from core.testing import csrf_token

    headers = {"X-CSRFToken": csrf_token(member.client), "Content-Type": "application/json"}
    garbled = member.client.post(f"/memoactiv/runs/{run['token']}", content=b"{not json", headers=headers)
    assert garbled.status_code == 400 and "error" in garbled.json()
    huge = member.client.post(f"/memoactiv/runs/{run['token']}", content=b" " * 300_000, headers=headers)
    assert huge.status_code == 413
    assert _stored(app, run)["status"] == "issued"


def test_a_run_faster_than_its_stimuli_is_impossible(app, member, span):
    run, payload = span
    # Every trial's onset squeezed into 2 s: less than the digits alone take to show.
    payload["duration"] = 2000
    for trial in payload["trials"]:
        trial["t"] = min(trial["t"], 1000)
    response = post_run(member.client, run, payload)
    assert response.status_code == 400 and "moins longtemps que ses essais" in response.json()["error"]
    assert _stored(app, run)["status"] == "issued"


def test_a_run_longer_than_the_page_was_open_is_impossible(app, member):
    run = issued_run(app, member.client, "/memoactiv/train/span_forward")
    payload = payload_for("span_forward", run["plan"], run["token"], seed=3)
    # The plan was issued a second ago: a run claiming minutes cannot be real.
    response = post_run(member.client, run, payload)
    assert response.status_code == 400 and "plus longtemps" in response.json()["error"]
    assert _stored(app, run)["status"] == "issued"


def test_refusals_are_in_the_editions_language(app, signed_in):
    other = signed_in(site="uk")
    run = issued_run(app, other.client, "/memoactiv/train/span_forward")
    backdate(app, run)
    payload = payload_for("span_forward", run["plan"], run["token"], seed=3)
    payload["trials"][0]["rt"] = 40
    response = post_run(other.client, run, payload)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Impossible timing: a reaction time of 40 ms")


TRAINABLE = ("span_backward", "nback", "rt_simple", "rt_choice", "stroop", "flanker", "words")


@pytest.mark.parametrize("exercise", TRAINABLE)
def test_every_exercise_scores_a_real_run_and_refuses_a_tampered_one(app, member, exercise):
    run = issued_run(app, member.client, f"/memoactiv/train/{exercise}")
    backdate(app, run)
    payload = payload_for(exercise, run["plan"], run["token"], seed=5)
    extra = copy.deepcopy(payload)
    extra["trials"].append({**extra["trials"][-1], "i": len(extra["trials"])})
    refused = post_run(member.client, run, extra)
    assert refused.status_code == 400 and refused.json()["error"]
    if exercise != "words":  # recall times are tens of seconds; the 100 ms floor is for reactions
        fast = copy.deepcopy(payload)
        next(t for t in fast["trials"] if t.get("rt") is not None)["rt"] = 40
        refused = post_run(member.client, run, fast)
        assert refused.status_code == 400 and "moins de 100 ms" in refused.json()["error"]
    assert _stored(app, run) == {"status": "issued", "trials": []}
    accepted = post_run(member.client, run, payload)
    assert accepted.status_code == 200, accepted.text
    page = member.client.get(accepted.json()["next"])
    assert page.status_code == 200 and accepted.json()["score"] in page.text
