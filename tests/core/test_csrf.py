"""CSRF tokens are bound to the session: rotated at login and logout, never shared."""

from __future__ import annotations

from litestar.testing import TestClient

from core.testing import csrf_token, login, make_member, post_form

GRANT = "/me/consents/core.partner_studies/grant"


def _post(client, url, token):
    return client.post(url, data={"_csrf_token": token}, follow_redirects=False)


def test_token_minted_anonymously_is_refused_after_login(client, app):
    make_member(app, email="alice@example.org")
    anonymous = csrf_token(client)
    login(client, "alice@example.org")  # the login form itself carried the anonymous token
    signed_in = csrf_token(client)
    assert signed_in != anonymous
    assert _post(client, GRANT, anonymous).status_code == 403
    assert client.post(GRANT, headers={"x-csrftoken": anonymous}, follow_redirects=False).status_code == 403
    assert _post(client, GRANT, signed_in).status_code == 303
    assert f'value="{signed_in}"' in client.get("/me").text  # pages embed the session's token


def test_token_rotates_at_logout_and_is_not_valid_in_another_session(client_for, app):
    make_member(app, email="alice@example.org")
    mine, other = client_for("fr"), client_for("fr")
    login(mine, "alice@example.org")
    login(other, "alice@example.org")
    mine_token, other_token = csrf_token(mine), csrf_token(other)
    assert mine_token != other_token
    assert _post(mine, GRANT, other_token).status_code == 403  # another session's token
    assert _post(mine, "/logout", mine_token).status_code == 303
    after_logout = csrf_token(mine)
    assert after_logout != mine_token
    assert _post(mine, "/lang", mine_token).status_code == 403  # the session's token died with it
    assert post_form(mine, "/lang", {"lang": "fr"}).status_code == 303


def test_forged_anonymous_token_is_refused(client):
    token = csrf_token(client)
    forged = token[:32] + "0" * 64
    client.cookies.set("csrftoken", forged, domain="fr.localhost")
    assert _post(client, "/lang", forged).status_code == 403
    assert "csrftoken=" in client.get("/login").headers.get("set-cookie", "")  # re-minted


def test_cookie_has_host_prefix_behind_https(make_app):
    app = make_app(https=True)
    with TestClient(app, base_url="https://fr.localhost") as client:
        cookie = client.get("/login").headers["set-cookie"]
    assert cookie.startswith("__Host-csrftoken=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
