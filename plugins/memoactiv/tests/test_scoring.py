"""Scoring against examples computed by hand from the reference sheet (§7a–7f).

Each expected value is worked out in the comment next to it, so a change in a
formula (correction, trimming rule, sign of RCI) shows up as a wrong number.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from plugins.memoactiv.change import Point, Reference, rci, suggests_professional, trend, z_recent
from plugins.memoactiv.recall import RecallScore, answers_of, normalise, score_recall, word_scores
from plugins.memoactiv.scoring import dprime, nback_scores, rt_scores, span_scores, stroop_scores, trim_rts


def test_span_longest_length_with_one_correct_and_total_correct():
    # 3: right, wrong → go on; 4: wrong, right → go on; 5: wrong, wrong → stop.
    scores = span_scores([(3, True), (3, False), (4, False), (4, True), (5, False), (5, False)])
    assert (scores.longest, scores.total_correct, scores.trials) == (4, 2, 6)
    assert span_scores([(3, False), (3, False)]).longest == 0


def test_dprime_uses_the_log_linear_correction():
    # 4 hits of 4 targets: H = 4.5 / 5 = 0.9; 1 false alarm of 14: F = 1.5 / 15 = 0.1.
    # z(0.9) = 1.2816, z(0.1) = −1.2816 → d′ = 2.5631 (finite although H was 100 %).
    assert dprime(4, 4, 1, 14) == pytest.approx(2.5631, abs=1e-4)
    # Chance: H = 1.5 / 3 = 0.5, F = 3.5 / 7 = 0.5 → d′ = 0.
    assert dprime(1, 2, 3, 6) == pytest.approx(0.0, abs=1e-9)


def test_nback_counts_accuracy_and_median_hit_rt():
    # 1-back over the letters B B C C D B: targets at 1 and 3 (index 0 is not scored).
    targets = [False, True, False, True, False, False]
    responded = [False, True, True, False, False, False]
    rts = [None, 600.0, 700.0, None, None, None]
    scores = nback_scores(1, targets, responded, rts)
    # hits 1 (i=1), miss 1 (i=3), false alarm 1 (i=2), correct rejections 2 (i=4, 5).
    assert (scores.hits, scores.misses, scores.false_alarms, scores.correct_rejections) == (1, 1, 1, 2)
    assert scores.accuracy == pytest.approx(3 / 5)
    assert scores.hit_rate == 0.5 and scores.false_alarm_rate == pytest.approx(1 / 3)
    # H = 1.5 / 3 = 0.5, F = 1.5 / 4 = 0.375 → d′ = 0 − z(0.375) = 0.3186.
    assert scores.dprime == pytest.approx(0.3186, abs=1e-4)
    assert scores.median_hit_rt == 600.0


def test_rt_trimming_drops_anticipations_lapses_then_mad_outliers():
    rts = [50.0, 300.0, 310.0, 320.0, 330.0, 340.0, 900.0, 1600.0, None]
    trimmed = trim_rts(rts, lapse_ms=1500)
    # < 100 ms: 50 (anticipation); > 1500 ms or no answer: 1600, None (lapses).
    # Window 300…900: median 325; |deviations| 25 15 5 5 15 575 → median 15;
    # MAD = 1.4826 × 15 = 22.24; cut-off 325 + 3 × 22.24 = 391.7 → 900 dropped.
    assert (trimmed.anticipations, trimmed.lapses, trimmed.outliers) == (1, 2, 1)
    assert trimmed.kept == (300.0, 310.0, 320.0, 330.0, 340.0)


def test_rt_scores_median_of_valid_correct_trials_and_validity():
    trials = [(float(rt), True) for rt in range(300, 320)] + [(250.0, False), (None, True)]
    scores = rt_scores(trials, lapse_ms=2500)
    # 20 correct answered trials 300…319: median 309.5; the error is left out, the no-answer is a lapse.
    assert scores.median_rt == 309.5
    assert scores.lapses == 1 and scores.valid_trials == 20 and scores.valid
    assert scores.accuracy == pytest.approx(21 / 22)
    assert not rt_scores(trials[:19], lapse_ms=2500).valid  # fewer than 20 valid trials


def test_stroop_interference_and_error_interference():
    congruent = [(True, rt, True) for rt in (500.0, 520.0, 540.0)]
    incongruent = [(False, rt, True) for rt in (600.0, 640.0, 700.0)] + [(False, 650.0, False)]
    scores = stroop_scores(congruent + incongruent)
    # Medians 520 (congruent) and 640 (incongruent, correct only) → 120 ms.
    assert scores.interference == 120.0
    # Errors: 1 of 4 incongruent (25 %) − 0 of 3 congruent → 25 points.
    assert scores.error_interference == 25.0
    assert scores.ratio == pytest.approx(120 / 520)
    assert not scores.valid  # 6 valid trials, fewer than 20


def test_practice_adjusted_rci():
    span = Reference(sd1=1.2, r=0.7, practice_gain=0.5)
    # SEM = 1.2 × √0.3 = 0.6573; S_diff = √2 × SEM = 0.9295.
    assert span.s_diff == pytest.approx(0.9295, abs=1e-4)
    # (4 − 6 − 0.5) / 0.9295 = −2.690.
    assert rci(6, 4, span) == pytest.approx(-2.690, abs=1e-3)
    simple = Reference(sd1=50, r=0.75, practice_gain=-10, lower_is_better=True)
    # SEM = 25, S_diff = 35.36; slower by 80 ms where practice predicts 10 ms faster:
    # −((380 − 300) − (−10)) / 35.36 = −2.546 (negative = worse, also for times).
    assert rci(300, 380, simple) == pytest.approx(-2.546, abs=1e-3)
    assert rci(300, 290, simple) == pytest.approx(0.0)  # exactly the practice gain


def test_z_of_recent_checkins_floors_the_within_person_sd():
    ref = Reference(sd1=1.2, r=0.7, practice_gain=0)
    # Baseline 6 7 8 (SD 1, above SEM 0.657), recent 5 5: (5 − 7) / (1 × √(1/2 + 1/3)) = −2.191.
    assert z_recent([5, 5], [6, 7, 8], ref) == pytest.approx(-2.191, abs=1e-3)
    # A flat baseline: s_w floored at SEM 0.6573 → (6 − 7) / (0.6573 × √(1 + 1/3)) = −1.318.
    assert z_recent([6], [7, 7, 7], ref) == pytest.approx(-1.318, abs=1e-3)


def _points(scores, *, context_last=()):
    start = date(2026, 1, 5)
    points = [Point(start + timedelta(weeks=i), s, "desktop") for i, s in enumerate(scores)]
    if context_last:
        points[-1] = Point(points[-1].day, points[-1].score, "desktop", context=tuple(context_last))
    return points


def test_trend_roles_baseline_band_and_sustained_decline():
    ref = Reference(sd1=1.2, r=0.7, practice_gain=0)
    t = trend(_points([4, 5, 6, 7, 6, 6, 4, 4]), ref)
    assert t.roles == ["practice"] * 2 + ["baseline"] * 3 + ["followup"] * 3
    assert t.baseline == pytest.approx(19 / 3)
    low, high = t.band
    assert high - low == pytest.approx(2 * 1.96 * 0.9295, abs=1e-3)
    # Last two: RCI (4 − 6.33) / 0.9295 = −2.51 ≤ −1.96 twice in a row → below.
    assert t.status(6) == "below" and t.status(7) == "below" and t.below
    # One low check-in is not a sustained decline; a bad night explains the last one.
    assert not trend(_points([4, 5, 6, 7, 6, 6, 4]), ref).below
    assert not trend(_points([4, 5, 6, 7, 6, 6, 4, 4], context_last=["bad_night"]), ref).below
    # The practice gain of the first sessions (4 → 5) is never compared with anything.
    assert trend(_points([4, 5, 6]), ref).baseline is None


def test_device_change_starts_a_new_baseline():
    ref = Reference(sd1=1.2, r=0.7, practice_gain=0)
    points = _points([4, 5, 6, 7, 6, 6, 6, 6, 6])
    points[5:] = [Point(p.day, p.score, "phone") for p in points[5:]]
    t = trend(points, ref)
    assert t.roles[2:5] == ["earlier"] * 3 and t.roles[5:8] == ["baseline"] * 3 and t.roles[8] == "followup"


def test_professional_suggestion_needs_two_tasks():
    ref = Reference(sd1=1.2, r=0.7, practice_gain=0)
    low, fine = trend(_points([4, 5, 6, 7, 6, 6, 4, 4]), ref), trend(_points([4, 5, 6, 7, 6, 6, 6, 6]), ref)
    assert not suggests_professional({"stroop": low, "span_forward": fine})
    assert suggests_professional({"stroop": low, "span_forward": low})


def test_word_recall_scoring_rules():
    assert normalise("Éléphants") == "elephants" and normalise("l’œuf") == "oeuf"
    words = [("chat", "chats"), ("maison", "maisons"), ("bateau", "bateaux")]
    answers = answers_of("le chats, maisn\nbateaux chat voiture")
    # chats = chat (plural form); "maisn" is 1 edit from a ≥ 5-letter word; second "chat" a repetition.
    score = score_recall(words, answers)
    assert score.recalled == (0, 1, 2) and score.repetitions == 1 and score.intrusions == 1
    assert score_recall([("chat",)], ["chit"]).correct == 0  # short words must be exact
    # Learning 5 + 8 + 10 = 23 of 36; delayed 9 → retention 9 / 10 = 90 %.
    scores = word_scores([_recall(5), _recall(8), _recall(10)], _recall(9))
    assert (scores.total_learning, scores.delayed, scores.retention) == (23, 9, 90.0)


def _recall(n):
    return RecallScore(tuple(range(n)), 0, 0)
