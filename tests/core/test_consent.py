"""Consents: one click to grant or withdraw, an append-only ledger, guards."""

from __future__ import annotations

from core.tables import ConsentEvent
from core.testing import login, make_member, post_form, run_async


def ledger(app, member_id):
    return run_async(app, ConsentEvent.select().where(ConsentEvent.member == member_id).order_by(ConsentEvent.id))


def test_consents_page_lists_every_purpose_with_state(client, app):
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    page = client.get("/me/consents")
    assert page.status_code == 200
    assert page.text.count('class="card consent-row"') == len(app.state.entraide.purposes)  # core's and plugins'
    assert 'id="purpose-core.partner_studies"' in page.text
    assert 'id="purpose-core.sponsored_personalised"' in page.text  # off by default
    assert page.text.count('data-state="granted"') == 2


def test_grant_and_withdraw_append_ledger_rows(client, app):
    member_id = make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    before = ledger(app, member_id)
    response = post_form(client, "/me/consents/core.partner_studies/grant", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-state="granted"' in response.text and "<html" not in response.text
    response = post_form(client, "/me/consents/core.partner_studies/withdraw")
    assert response.status_code == 303
    rows = ledger(app, member_id)
    assert len(rows) == len(before) + 2
    assert [r["action"] for r in rows[-2:]] == ["grant", "withdraw"]
    last = rows[-1]
    assert last["site"] == "fr" and last["channel"] == "web" and len(last["text_version"]) == 16
    assert last["prev_hash"] == rows[-2]["entry_hash"]
    # earlier rows are untouched (append-only)
    assert rows[: len(before)] == before


def test_withdrawing_twice_writes_nothing_new(client, app):
    member_id = make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    post_form(client, "/me/consents/core.health_data/withdraw")
    count = len(ledger(app, member_id))
    post_form(client, "/me/consents/core.health_data/withdraw")
    assert len(ledger(app, member_id)) == count


def test_unknown_purpose_is_404(client, app):
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    assert post_form(client, "/me/consents/nope.nothing/grant").status_code == 404
    assert post_form(client, "/me/consents/core.terms/explode").status_code == 404


def test_consent_pages_need_login(client):
    response = client.get("/me/consents", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=/me/consents")


def test_german_edition_shows_german_consent_texts(client_for, app):
    make_member(app, email="lena@example.org", pseudonym="Lena", site="de")
    de = client_for("de")
    login(de, "lena@example.org")
    page = de.get("/me/consents")
    assert '<html lang="de">' in page.text
    assert "Verarbeitung meiner Gesundheitsdaten" in page.text


def test_consent_change_is_announced_and_next_followed(make_app, client_for):
    from fixture_plugins import greeter

    app = make_app(extra_plugins=[greeter])
    member_id = make_member(app, email="alice@example.org")
    client = client_for("fr", app)
    login(client, "alice@example.org")
    greeter.hooks.EVENTS.clear()
    back = post_form(client, "/me/consents/core.partner_studies/grant", {"next": "/healthbox/"})
    assert back.status_code == 303 and back.headers["location"] == "/healthbox/"

    def changes():
        return [e for e in greeter.hooks.EVENTS if e.name == "core.consent.changed"]

    [event] = changes()
    assert (event.name, event.member_id, event.site) == ("core.consent.changed", member_id, "fr")
    assert event.payload == {"purpose": "core.partner_studies", "action": "grant"}
    post_form(client, "/me/consents/core.partner_studies/grant")  # no change, no event
    assert len(changes()) == 1
    away = post_form(client, "/me/consents/core.partner_studies/withdraw", {"next": "//evil.example/"})
    assert away.headers["location"] == "/me/consents"  # only local paths
    assert changes()[-1].payload["action"] == "withdraw"
