"""The arrows (flanker) task: the colour-free alternative to Stroop (reference sheet §7d).

Scoring against a hand-computed example (§7c trimming, per condition), the
plan's balance, the server's checks, the check-in choice for members who find
colours hard to tell apart, and "never flag change on it alone" (like Stroop).
"""

from __future__ import annotations

import copy
import itertools

import pytest

from core.testing import post_form, run_async, text_of
from plugins.memoactiv.change import Trend
from plugins.memoactiv.plans import make_plan
from plugins.memoactiv.scoring import flanker_scores
from plugins.memoactiv.services import checkin_steps
from plugins.memoactiv.simulate import payload_for
from plugins.memoactiv.tables import Run, Session
from plugins.memoactiv.tests.conftest import backdate, issued_run, post_run
from plugins.memoactiv.trends import ExerciseTrend, declining_families


def test_flanker_interference_hand_computed():
    congruent = [(True, rt, True) for rt in (400, 420, 440, 460, 480, 1400, 95)] + [(True, 430, False)]
    incongruent = [(False, rt, True) for rt in (500, 520, 540, 560)] + [(False, None, False), (False, 610, False)]
    s = flanker_scores(congruent + incongruent)
    # Congruent, correct: 95 ms is an anticipation (dropped); 400…480 and 1400 remain: median 450,
    # absolute deviations 50 30 10 10 30 950 → median 30, MAD 1.4826 × 30 = 44.478, cut-off 450 + 133.43
    # = 583.43 → 1400 dropped; median of 400 420 440 460 480 = 440.
    assert s.congruent_median == 440
    # Incongruent, correct: 500 520 540 560, median 530, deviations 30 10 10 30 → cut-off 618.96: all kept.
    assert s.incongruent_median == 530
    assert s.interference == 90
    # Errors: 1 of 8 congruent (12.5 %), 2 of 6 incongruent (no answer counts as an error: 33.33 %).
    assert s.error_interference == pytest.approx(100 * 2 / 6 - 12.5)
    assert s.ratio == pytest.approx(90 / 440)
    assert s.valid_trials == 9 and not s.valid  # fewer than 20 valid trials


def test_the_plan_is_balanced_and_never_shows_long_runs_of_one_stimulus():
    plan = make_plan("flanker", seed=11)
    trials = plan["trials"]
    assert len(plan["practice"]) == 12 and len(trials) == 96
    for target in ("left", "right"):
        for congruent in (True, False):
            assert sum(1 for t in trials if t["target"] == target and t["congruent"] is congruent) == 24
    run = 1
    for before, now in itertools.pairwise(trials):
        run = run + 1 if before == now else 1
        assert run <= 3


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda p: p["trials"][3].update(answer="up"), "aucun des boutons"),
        (lambda p: p["trials"][3].update(answer=None), "aucun des boutons"),  # a time but no answer
        (lambda p: p["trials"][3].update(rt=2600), "hors de la plage possible"),  # past the 2.5 s window
        (lambda p: p["trials"].pop(), "Nombre d’essais"),
    ],
)
def test_tampered_flanker_results_are_refused_and_nothing_is_stored(app, member, tamper, message):
    run = issued_run(app, member.client, "/memoactiv/train/flanker")
    backdate(app, run)
    payload = payload_for("flanker", run["plan"], run["token"], seed=4)
    bad = copy.deepcopy(payload)
    tamper(bad)
    response = post_run(member.client, run, bad)
    assert response.status_code == 400 and message in response.json()["error"], response.json()
    assert run_async(app, Run.select(Run.status).where(Run.id == run["id"]).first())["status"] == "issued"
    accepted = post_run(member.client, run, payload)
    assert accepted.status_code == 200
    result = text_of(member.client.get(accepted.json()["next"]).text)
    assert "Interférence" in result and "Temps médian, flèches dans le même sens" in result
    history = member.client.get("/memoactiv/history/flanker")
    assert history.status_code == 200 and accepted.json()["score"] in history.text  # listed under training


def test_members_who_find_colours_hard_get_the_arrows_instead_of_stroop(app, member):
    assert checkin_steps(["stroop"], "ok")[-2:] == ["stroop", "words_delayed"]
    for answer in ("difficult", "unsure", ""):
        steps = checkin_steps(["stroop"], answer)
        assert "stroop" not in steps and steps[-2:] == ["flanker", "words_delayed"], answer
    assert "flanker" in checkin_steps(["flanker"], "ok")
    post_form(member.client, "/memoactiv/settings", {"optional": ["stroop"], "colour_vision": "difficult"})
    assert post_form(member.client, "/memoactiv/checkin", {}).status_code == 303
    session = run_async(app, Session.select(Session.steps).where(Session.member == member.member_id).first())
    assert "flanker" in str(session["steps"]) and "stroop" not in str(session["steps"])
    stroop = member.client.get("/memoactiv/train/stroop").text
    assert "L’exercice des flèches mesure le même type d’attention" in text_of(stroop)  # offered on Stroop's page
    assert 'href="/memoactiv/train/flanker"' in stroop


@pytest.mark.parametrize(
    ("site", "title", "instruction"),
    [
        ("fr", "Flèches (flanker)", "la flèche du milieu"),
        ("uk", "Arrows (flanker)", "the middle arrow"),
        ("de", "Pfeile (Flanker)", "mittlere Pfeil"),
    ],
)
def test_the_arrows_page_speaks_the_editions_language(signed_in, site, title, instruction):
    page = signed_in(site=site).client.get("/memoactiv/train/flanker")
    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.text and instruction in page.text
    assert 'data-value="left"' in page.text and 'data-value="right"' in page.text  # big touch buttons


def _trend(below: bool) -> ExerciseTrend:
    return ExerciseTrend("x", [], Trend(roles=[], below=below), None)  # type: ignore[arg-type]


def test_arrows_and_stroop_together_never_make_a_suggestion_alone():
    both = {"stroop": _trend(True), "flanker": _trend(True), "span_forward": _trend(False)}
    assert len(declining_families(both)) == 1  # one kind of task: interference
    assert len(declining_families({**both, "span_forward": _trend(True)})) == 2
