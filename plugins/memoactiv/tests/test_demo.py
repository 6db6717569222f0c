"""Demo: six months of weekly check-ins with a practice effect, shown in MémoActiv and the Health Box."""

from __future__ import annotations

import statistics

from core.testing import login, make_member, run_async, text_of
from plugins.memoactiv.demo import WEEKS, seed_member
from plugins.memoactiv.exercises import EXERCISES
from plugins.memoactiv.tables import PromptLog, Run, Session


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


def _decline(app, member_id, exercise, value):
    """Make the last two check-ins of ``exercise`` clearly worse than the member's baseline."""
    runs = run_async(
        app,
        Run.select(Run.id).where((Run.member == member_id) & (Run.exercise == exercise)).order_by(Run.submitted_at),
    )
    for run in runs[-2:]:
        run_async(app, Run.update({Run.primary: value}).where(Run.id == run["id"]))


def test_sustained_change_on_two_tasks_suggests_a_professional_and_the_directory(app, client_for):
    member_id = make_member(app, email="demo@example.org", pseudonym="Demo")
    site = app.state.entraide.site("fr")
    run_async(app, seed_member(member_id, site.tz, "fr", weeks=8))
    client = client_for("fr")
    login(client, "demo@example.org")
    _decline(app, member_id, "span_forward", 2)
    one_task = text_of(client.get("/memoactiv/").text)
    assert "Vos derniers résultats sont en dessous de votre zone habituelle" not in one_task  # one task says little
    assert "/directory/?q=" not in client.get("/memoactiv/").text
    _decline(app, member_id, "rt_simple", 800)
    page = client.get("/memoactiv/")
    text = text_of(page.text)
    assert "Vos derniers résultats sont en dessous de votre zone habituelle" in text
    assert "parler à votre médecin" in text
    for word in ("démence", "alzheimer", "anormal", "déclin cognitif", "diagnostic de"):
        assert word not in text.lower()
    assert 'href="/directory/?q=m%C3%A9decin%20g%C3%A9n%C3%A9raliste"' in page.text  # through the directory's slot
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "directory", False))
    run_async(app, PromptLog.delete().where(PromptLog.member == member_id))  # a week later (see test_prompts)
    page = client.get("/memoactiv/")
    assert "Vos derniers résultats sont en dessous" in text_of(page.text) and "/directory/" not in page.text
