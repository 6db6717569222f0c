"""ACME Mobility: only during a campaign, labelled by core, the chooser works, no member data reaches it."""

from __future__ import annotations

import plugins.acme_mobility as acme
from core.testing import (
    assert_plugin_contract,
    campaign_counts,
    grant_consent,
    login,
    make_member,
    post_form,
    run_async,
    start_campaign,
)

ANSWERS = "distance=long&balance=sometimes&rest=no&where=outdoors"


def test_contract(make_app):
    assert_plugin_contract(acme, make_app())


def test_absent_without_a_campaign_and_after_it(app, client_for):
    client = client_for("fr")
    rt = app.state.entraide
    assert "acme_mobility" not in run_async(app, rt.enablement.enabled(rt.site("fr")))  # restricted: off by default
    assert client.get("/acme_mobility/").status_code == 404
    run_async(app, rt.enablement.set(rt.site("fr"), "acme_mobility", True))
    assert client.get("/acme_mobility/").status_code == 404  # enabled, but no campaign
    assert "acme_mobility-card" not in client.get("/").text
    start_campaign(app, "acme_mobility", "fr", enable=False)
    assert client.get("/acme_mobility/").status_code == 200
    run_async(app, rt.enablement.set(rt.site("fr"), "acme_mobility", False))
    assert client.get("/acme_mobility/").status_code == 404  # disabled: 404 again


def test_card_is_labelled_sponsored_in_each_language(app, client_for):
    for code, label in (("fr", "Sponsorisé · ACME Mobility"), ("uk", "Sponsored · ACME Mobility")):
        start_campaign(app, "acme_mobility", code)
        home = client_for(code).get("/").text
        assert f'aria-label="{label}"' in home and "acme_mobility-card" in home
    de = client_for("de")
    start_campaign(app, "acme_mobility", "de")
    assert "Welche Gehhilfe passt zu Ihnen?" in de.get("/").text
    assert "Welche Gehhilfe passt zu Ihnen?" in de.get("/acme_mobility/").text


def test_chooser_suggests_an_aid_and_refuses_incomplete_answers(app, client_for):
    start_campaign(app, "acme_mobility", "uk")
    client = client_for("uk")
    page = client.get(f"/acme_mobility/?{ANSWERS}")
    assert page.status_code == 200 and 'data-aid="rollator"' in page.text
    assert "Our suggestion: A rollator with a seat" in page.text and "Sponsored · ACME Mobility" in page.text
    cane = client.get("/acme_mobility/?distance=medium&balance=never&rest=no&where=outdoors")
    assert 'data-aid="cane"' in cane.text
    bad = client.get("/acme_mobility/?distance=long&balance=sideways")
    assert bad.status_code == 400 and "3 questions are not answered: see below." in bad.text
    assert "data-aid" not in bad.text and bad.text.count('aria-invalid="true"') == 3


def test_click_through_the_card_is_counted_without_member(app, client_for):
    campaign = start_campaign(app, "acme_mobility", "fr")
    client = client_for("fr")
    home = client.get("/").text
    assert f"/partners/go/{campaign}?slot=home.public" in home
    page = client.get(f"/partners/go/{campaign}?slot=home.public&to=/acme_mobility/")
    assert page.status_code == 200 and "acme_mobility-form" in page.text
    assert campaign_counts(app, campaign) == {"home.public": (1, 1), "page": (1, 0)}


def test_segment_only_with_the_personalised_consent(app, client_for):
    start_campaign(app, "acme_mobility", "fr")
    alice = make_member(app, email="alice@example.org", site="fr")
    client = client_for("fr")
    login(client, "alice@example.org")
    assert "Joints making walks harder" not in client.get("/").text  # no consent: the same card as anyone
    grant_consent(app, alice, "core.sponsored_personalised")
    assert "Joints making walks harder" not in client.get("/").text  # consent, but no condition on record


def test_reserved_tips_for_programme_members_only(app, client_for):
    start_campaign(app, "acme_mobility", "fr")
    make_member(app, email="alice@example.org", site="fr")
    client = client_for("fr")
    assert client.get("/acme_mobility/club", follow_redirects=False).status_code in (303, 403)
    login(client, "alice@example.org")
    assert client.get("/acme_mobility/club").status_code == 403
    assert post_form(client, "/partners/programmes/acme_mobility", {"action": "join"}).status_code == 303
    tips = client.get("/acme_mobility/club")
    assert tips.status_code == 200 and "Réglez la poignée" in tips.text
    post_form(client, "/partners/programmes/acme_mobility", {"action": "leave"})
    assert client.get("/acme_mobility/club").status_code == 403
