"""Demo: six months of weekly check-ins with a practice effect, shown in MémoActiv and the Health Box."""

from __future__ import annotations

import statistics

from core.testing import login, make_member, run_async, text_of
from plugins.memoactiv.demo import WEEKS, seed_member
from plugins.memoactiv.exercises import EXERCISES
from plugins.memoactiv.tables import Run, Session


def test_camille_like_member_has_six_months_with_a_practice_effect(app, client_for):
    member_id = make_member(app, email="demo@example.org", pseudonym="Demo")
    site = app.state.entraide.site("fr")
    run_async(app, seed_member(member_id, site.tz, "fr"))
    assert run_async(app, Session.count().where(Session.member == member_id)) == WEEKS
    runs = run_async(app, Run.select().where(Run.member == member_id).order_by(Run.submitted_at).output(load_json=True))
    assert {r["exercise"] for r in runs} == set(EXERCISES)
    days = sorted({r["day"] for r in runs})
    assert (days[-1] - days[0]).days >= 7 * (WEEKS - 1)  # six months, weekly
    words = [r["primary"] for r in runs if r["exercise"] == "words"]
    simple = [r["primary"] for r in runs if r["exercise"] == "rt_simple"]
    assert statistics.fmean(words[-6:]) > statistics.fmean(words[:2]) + 2  # visible practice gain
    assert statistics.fmean(simple[-6:]) < statistics.fmean(simple[:2]) - 15  # faster with practice
    client = client_for("fr")
    login(client, "demo@example.org")
    home = client.get("/memoactiv/")
    assert home.status_code == 200
    assert "talk to your doctor" not in text_of(home.text).lower()  # practice gains are not a decline
    for slug in EXERCISES:
        page = client.get(f"/memoactiv/history/{slug}")
        assert page.status_code == 200 and "<svg" in page.text, slug
        assert "Votre niveau de référence" in page.text or "baseline" in page.text
    dashboard = client.get("/healthbox/")
    assert "/healthbox/memoactiv_words/" in dashboard.text
    assert client.get("/healthbox/memoactiv_span/").status_code == 200
