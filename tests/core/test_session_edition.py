"""A session belongs to the edition where it was opened."""

from __future__ import annotations

from core.testing import login, make_member


def test_cookie_replayed_on_another_edition_is_signed_out(client_for, app):
    make_member(app, email="alice@example.org")
    fr, uk = client_for("fr"), client_for("uk")
    login(fr, "alice@example.org")
    assert fr.get("/me").status_code == 200
    uk.cookies.set("entraide_sid", fr.cookies.get("entraide_sid"), domain="uk.localhost")
    replay = uk.get("/me", follow_redirects=False)
    assert replay.status_code == 303 and replay.headers["location"].startswith("/login")
    assert "Alice" not in uk.get("/").text
    assert fr.get("/me").status_code == 200  # still signed in where it belongs
