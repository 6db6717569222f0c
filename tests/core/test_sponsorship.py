"""Core's limits around sponsored plugins: load-time refusal, campaigns, anonymous counts, partner space."""

from __future__ import annotations

from datetime import date, timedelta

from fixture_plugins import missing_template, sponsor_card

from core.meta import PluginMeta
from core.plugins_registry import sponsored_refusal
from core.sponsorship.campaigns import end_campaign
from core.testing import (
    audit_actions,
    campaign_counts,
    login,
    make_member,
    post_form,
    run_async,
    start_campaign,
)


def test_core_refuses_a_sponsored_plugin_outside_the_allowed_hooks_or_with_member_data():
    meta = sponsor_card.META
    assert sponsored_refusal(meta, {"provide_fragments", "register_routes"}) is None
    refused = sponsored_refusal(meta, {"provide_fragments", "handle_event", "export_personal_data"})
    assert refused is not None and refused.endswith("it implements export_personal_data, handle_event")
    greedy = PluginMeta("greedy", "Greedy", "1.0.0", kind="sponsored", sponsor="G", data_categories=("health",))
    assert "may not store member data" in (sponsored_refusal(greedy, {"provide_fragments"}) or "")
    feature = PluginMeta("feat", "Feature", "1.0.0", data_categories=("health",))
    assert sponsored_refusal(feature, {"handle_event"}) is None  # other kinds are not concerned


def test_pages_exist_only_during_a_campaign_and_never_see_the_viewer(make_app, client_for):
    app = make_app(extra_plugins=[sponsor_card])
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "sponsor_card", True))
    client = client_for("fr", app)
    assert client.get("/sponsor_card/whoami").status_code == 404  # enabled, no campaign
    start_campaign(app, "sponsor_card", "fr", enable=False)
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    page = client.get("/sponsor_card/whoami")
    assert page.status_code == 200 and "viewer=None cookies=[]" in page.text  # no session cookie either
    assert client_for("uk", app).get("/sponsor_card/whoami").status_code == 404  # other edition


def test_an_ended_campaign_removes_cards_and_pages(make_app, client_for):
    app = make_app(extra_plugins=[sponsor_card])
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator", site="fr")
    campaign = start_campaign(app, "sponsor_card", "fr")
    client = client_for("fr", app)
    assert "acme-card" in client.get("/").text
    login(client, "ops@example.org")
    assert post_form(client, f"/admin/campaigns/{campaign}/stop").status_code == 303
    client.cookies.clear()
    assert "acme-card" not in client.get("/").text
    assert client.get("/sponsor_card/whoami").status_code == 404
    assert "campaign.stopped" in audit_actions(app)


def test_operator_campaign_form_refuses_bad_dates_and_stores_nothing(make_app, client_for):
    from core.sponsorship.tables import Campaign

    app = make_app(extra_plugins=[sponsor_card])
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator", site="fr")
    client = client_for("fr", app)
    login(client, "ops@example.org")
    today = date.today()
    form = {"plugin": "sponsor_card", "site": "fr", "name": "Spring", "partner": ""}
    backwards = {**form, "starts_on": str(today + timedelta(days=5)), "ends_on": str(today + timedelta(days=1))}
    page = post_form(client, "/admin/campaigns/", backwards)
    assert page.status_code == 400 and "La date de fin doit" in page.text
    unknown = {**form, "partner": "Nobody", "starts_on": str(today), "ends_on": str(today + timedelta(days=9))}
    assert post_form(client, "/admin/campaigns/", unknown).status_code == 400
    assert run_async(app, Campaign.count()) == 0
    good = {**form, "starts_on": str(today), "ends_on": str(today + timedelta(days=9))}
    assert post_form(client, "/admin/campaigns/", good).status_code == 303
    assert run_async(app, Campaign.count()) == 1
    assert "sponsor_card" in run_async(app, app.state.entraide.enablement.enabled(app.state.entraide.site("fr")))


def test_counts_are_daily_aggregates_seen_only_by_the_campaigns_partner(make_app, client_for):
    from core.sponsorship.tables import Campaign, CampaignTally

    app = make_app(extra_plugins=[sponsor_card])
    acme = make_member(app, email="acme@example.org", pseudonym="AcmePartner", role="partner", site="fr")
    make_member(app, email="other@example.org", pseudonym="OtherPartner", role="partner", site="fr")
    campaign = start_campaign(app, "sponsor_card", "fr")
    run_async(app, Campaign.update({Campaign.partner: acme}).where(Campaign.id == campaign))
    visitor = client_for("fr", app)
    for _ in range(3):
        assert "acme-card in home.public" in visitor.get("/").text
    click = visitor.get(f"/partners/go/{campaign}?slot=home.public&to=https://evil.test/", follow_redirects=False)
    assert click.status_code == 303 and click.headers["location"] == "/sponsor_card/"  # never off-site
    run_async(app, app.state.entraide.tally.flush())
    rows = run_async(app, CampaignTally.select().where(CampaignTally.slot == "home.public"))
    assert [(r["impressions"], r["clicks"]) for r in rows] == [(3, 1)]
    assert set(rows[0]) == {"id", "key", "campaign", "day", "slot", "impressions", "clicks"}  # no member column
    partner = client_for("fr", app)
    login(partner, "acme@example.org")
    assert partner.get(f"/partners/campaigns/{campaign}").status_code == 200
    csv = partner.get(f"/partners/campaigns/{campaign}/counts.csv").text
    assert csv.splitlines()[0] == "day,slot,impressions,clicks" and ",home.public,3,1" in csv
    other = client_for("fr", app)
    login(other, "other@example.org")
    assert other.get(f"/partners/campaigns/{campaign}").status_code == 404
    assert other.get(f"/partners/campaigns/{campaign}/counts.csv").status_code == 404
    assert visitor.get("/partners/", follow_redirects=False).headers["location"].startswith("/login?next=/partners")


def test_contract_check_finds_a_sponsored_template_reaching_member_data(tmp_path):
    import jinja2

    from core.contract import _member_data_in

    (tmp_path / "card.html").write_text("<p>Hi {{ member.pseudonym }} {{ consent }} from {{ site.name }}</p>")
    (tmp_path / "fine.html").write_text("<p>{{ _('Hello') }} {{ lang }} {{ segment }}</p>")
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    found = _member_data_in(env, tmp_path / "card.html", tmp_path)
    assert found == [
        "template card.html reaches member data: consent",
        "template card.html reaches member data: member",
    ]
    assert _member_data_in(env, tmp_path / "fine.html", tmp_path) == []


def test_kept_card_counts_every_impression_and_follows_a_new_campaign(app, client_for):
    """The home page's plan with the card is kept (core), yet each view is counted and a campaign change shows."""
    rt = app.state.entraide
    first = start_campaign(app, "acme_mobility", "fr")
    client = client_for("fr")
    pages = [client.get("/").text for _ in range(3)]  # the second and third are served from the kept plan
    assert all(f"/partners/go/{first}?slot=home.public" in page for page in pages)
    assert pages[1] == pages[2]
    assert campaign_counts(app, first)["home.public"] == (3, 0)
    run_async(app, rt.enablement.set(rt.site("fr"), "acme_mobility", False))
    assert "acme_mobility-card" not in client.get("/").text  # disabled: gone at once
    second = start_campaign(app, "acme_mobility", "fr")  # re-enabled, and a newer campaign runs too
    home = client.get("/").text
    assert "acme_mobility-card" in home and f"/partners/go/{first}?slot=home.public" in home  # the first still runs
    long_ago = date.today() - timedelta(days=400)
    run_async(app, end_campaign(first, long_ago, long_ago + timedelta(days=1)))  # as the operator's "stop"
    assert f"/partners/go/{second}?slot=home.public" in client.get("/").text  # the running one's link, not a kept one


def test_the_card_shows_on_every_page_when_its_slot_is_rendered_per_request(make_app, client_for):
    """A failing card in the same slot keeps the slot from being kept: the sponsored card still renders each time."""
    app = make_app(extra_plugins=[missing_template])
    campaign = start_campaign(app, "acme_mobility", "fr")
    client = client_for("fr", app)
    pages = [client.get("/").text for _ in range(3)]  # the visitor's plan is kept from the second page on
    assert all(f"/partners/go/{campaign}?slot=home.public" in page for page in pages)
    assert campaign_counts(app, campaign)["home.public"] == (3, 0)
