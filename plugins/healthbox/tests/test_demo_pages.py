"""Every Health Box page renders with six months of demo data, in every language."""

from __future__ import annotations

import pytest

from core.testing import login, make_member, run_async
from plugins.healthbox.demo import seed_member
from plugins.healthbox.tables import Entry


@pytest.mark.parametrize("site", ["fr", "uk", "de"])
def test_all_pages_render_with_demo_data(app, client_for, site):
    member_id = make_member(app, email="demo@example.org", pseudonym="Demo", site=site)
    rt = app.state.entraide
    count = run_async(app, seed_member(member_id, rt.site(site).tz, days=183))
    assert count > 900  # six trackers, most days
    assert run_async(app, Entry.count().where(Entry.member == member_id)) == count
    client = client_for(site)
    login(client, "demo@example.org")
    dashboard = client.get("/healthbox/")
    assert dashboard.status_code == 200 and dashboard.text.count("<svg") >= 6
    for slug in ("weight", "feeling", "sleep", "tobacco", "food", "activity"):
        for days in (7, 30, 90, 365):
            page = client.get(f"/healthbox/{slug}/?days={days}")
            assert page.status_code == 200, (slug, days, page.text[-500:])
            assert "<svg" in page.text and "<table" in page.text
        # Questionnaires only where their validated wording exists: FTND in fr/en, MTSS in en.
        offered = {"fr": ("ftnd",), "uk": ("ftnd", "mtss"), "de": ()}[site] if slug == "tobacco" else ()
        for q in ("ftnd", "mtss") if slug == "tobacco" else ():
            assert client.get(f"/healthbox/{slug}/q/{q}/").status_code == (200 if q in offered else 404)
    assert client.get("/healthbox/weight/?page=3").status_code == 200
    home = client.get("/")
    assert "/healthbox/" in home.text


def test_weight_page_charts_weight_and_bmi(app, client):
    member_id = make_member(app, email="demo@example.org", pseudonym="Demo")
    run_async(app, seed_member(member_id, app.state.entraide.site("fr").tz, days=60))
    login(client, "demo@example.org")
    page = client.get("/healthbox/weight/?days=30").text
    assert 'id="chart-weight-bmi-title"' in page or "chart-weight-bmi" in page
    assert page.count("<svg") >= 2
    assert "chart-sleep-se_pct" in client.get("/healthbox/sleep/").text
