"""Error pages know who is looking and say why a feature is missing."""

from __future__ import annotations

import re

from fixture_plugins import greeter

from core.testing import login, make_member, post_form


def _form_token(html: str) -> str:
    found = re.search(r'name="_csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def test_unknown_url_shows_the_site_as_signed_in(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    make_member(app, email="alice@example.org", pseudonym="Alice")
    client = client_for("fr", app)
    login(client, "alice@example.org")
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "Alice" in page.text and 'action="/logout"' in page.text  # the member's header
    assert 'href="/greeter/"' in page.text  # navigation from enabled plugins, as on any page
    token = _form_token(page.text)
    response = client.post("/logout", data={"_csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303  # the header's log-out form works from the 404 page


def test_unknown_url_for_a_visitor_offers_to_log_in(client):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and 'href="/login"' in page.text and "Page introuvable" in page.text


def test_feature_disabled_on_the_edition_says_so(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    make_member(app, email="ops@example.org", pseudonym="Ops", role="operator")
    ops = client_for("fr", app)
    login(ops, "ops@example.org")
    post_form(ops, "/admin/sites/fr/plugins/greeter", {"enabled": "0"})
    page = ops.get("/greeter/")
    assert page.status_code == 404
    assert "Greeter n'est pas proposé sur Entraide France." in page.text
    assert "Page introuvable" not in page.text and "Ops" in page.text
    assert ops.get("/greeter/", headers={"accept": "application/json"}).json()["status_code"] == 404
    assert client_for("uk", app).get("/greeter/").status_code == 200  # still offered elsewhere


def test_error_page_survives_a_failing_plugin(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    rt = app.state.entraide
    original = rt.call_isolated

    async def broken(*args, **kwargs):
        raise RuntimeError("hook machinery down")

    rt.call_isolated = broken
    try:
        page = client_for("fr", app).get("/no/such/page")
    finally:
        rt.call_isolated = original
    assert page.status_code == 404 and "Page introuvable" in page.text  # the plain page, not a 500
