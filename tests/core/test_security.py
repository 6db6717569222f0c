"""Security headers everywhere, CSRF on unsafe methods, health probes."""

from __future__ import annotations

from core.testing import make_member, post_form


def test_headers_on_pages_errors_and_json(client):
    for path in ("/", "/login", "/signup", "/healthz", "/no-such-page"):
        response = client.get(path, headers={"accept": "text/html"})
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_script(client):
    import re

    for path in ("/", "/login", "/signup"):
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", client.get(path).text, re.S)
        assert scripts and all("src=" in attrs and body.strip() == "" for attrs, body in scripts)


def test_post_without_csrf_token_is_refused(client, app):
    make_member(app, email="alice@example.org")
    response = client.post("/login", data={"email": "alice@example.org", "password": "entraide-demo-2026"})
    assert response.status_code == 403
    ok = post_form(client, "/login", {"email": "alice@example.org", "password": "entraide-demo-2026"})
    assert ok.status_code == 303


def test_healthz_readyz_and_openapi(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["database"] == "ok"
    schema = client.get("/schema/openapi.json").json()
    assert "/healthz" in schema["paths"] and "/readyz" in schema["paths"]


def test_pages_answer_in_the_edition_language(client_for):
    for code, lang in (("fr", "fr"), ("uk", "en"), ("de", "de"), ("qc", "fr")):
        assert f'<html lang="{lang}">' in client_for(code).get("/").text


def test_bilingual_edition_switches_language(client_for, app):
    from core.testing import login, make_member, post_form

    ch = client_for("ch")
    assert '<html lang="fr">' in ch.get("/").text
    assert 'value="de"' in ch.get("/").text  # the switcher offers German
    response = post_form(ch, "/lang", {"lang": "de", "next": "/signup"})
    assert response.status_code == 303 and response.headers["location"] == "/signup"
    page = ch.get("/signup").text
    assert '<html lang="de">' in page and "Konto erstellen" in page
    assert "Verarbeitung meiner Gesundheitsdaten" in page  # consent texts follow the language
    fr = client_for("fr")
    refused = post_form(fr, "/lang", {"lang": "de"}, headers={"accept": "application/json"})
    assert refused.status_code == 400 and "fr" in refused.json()["detail"]
    assert 'class="language-switch"' not in fr.get("/").text
    make_member(app, email="heidi@example.org", pseudonym="Heidi", site="ch")
    login(ch, "heidi@example.org")
    post_form(ch, "/me/consents/core.partner_studies/grant")
    from core.tables import ConsentEvent
    from core.testing import run_async

    last = run_async(app, ConsentEvent.select().order_by(ConsentEvent.id, ascending=False).first())
    assert (last["language"], last["site"]) == ("de", "ch")
    consents = ch.get("/me/consents").text
    assert "Verarbeitung meiner Gesundheitsdaten" in consents
    assert consents.count('data-state="granted"') == 3  # terms, health data (fr at sign-up), studies (de)
    assert "strong>" not in consents.split("purpose-core.terms")[1].split("</section>")[0]  # not stale


def test_strict_transport_security_only_behind_https(make_app, client):
    from litestar.testing import TestClient

    assert "strict-transport-security" not in client.get("/").headers
    with TestClient(make_app(https=True), base_url="https://fr.localhost") as secure:
        for path in ("/", "/no-such-page"):
            hsts = secure.get(path, headers={"accept": "text/html"}).headers["strict-transport-security"]
            assert hsts == "max-age=31536000; includeSubDomains", path
