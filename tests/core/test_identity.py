"""Sign-up, login, sessions, throttling, verification and reset, as a visitor sees them."""

from __future__ import annotations

import io
import re

from PIL import Image

from core.testing import csrf_token, login, make_member, post_form, run_async, text_of

GOOD = {
    "pseudonym": "Maelle",
    "email": "maelle@example.org",
    "password": "correct horse battery staple",
    "birth_year": "1990",
    "avatar_choice": "2",
    "consent_core.terms": "yes",
    "consent_core.health_data": "yes",
}


def signup(client, **changes):
    data = {**GOOD, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    return post_form(client, "/signup", data)


def test_signup_page_is_french_with_unticked_consents(client):
    page = client.get("/signup")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert "Créer un compte" in page.text or "Create an account" in page.text
    boxes = re.findall(r'<input type="checkbox" id="f-consent_([\w.]+)"[^>]*>', page.text)
    purposes = set(boxes)
    assert {"core.terms", "core.health_data", "core.partner_studies"} <= purposes  # plus enabled plugins' own
    assert len(boxes) == len(purposes)
    assert all("checked" not in box for box in re.findall(r'<input type="checkbox" id="f-consent_[^>]*>', page.text))


def test_signup_creates_account_sends_verification_then_login(client, app):
    response = signup(client)
    assert response.status_code == 200
    assert "Vérifiez votre messagerie" in response.text and "maelle@example.org" in response.text
    assert client.get("/me", follow_redirects=False).status_code == 303  # not signed in by the form
    from core.tables import OutboxEmail

    emails = run_async(app, OutboxEmail.select().where(OutboxEmail.to_email == "maelle@example.org"))
    assert len(emails) == 1
    link = re.search(r"http://fr\.localhost:8000/verify/(\S+)", emails[0]["body"])
    assert link
    verified = client.get(f"/verify/{link.group(1)}", follow_redirects=False)
    assert verified.status_code == 303 and verified.headers["location"] == "/login"
    again = client.get(f"/verify/{link.group(1)}")
    assert again.status_code == 400
    login(client, "maelle@example.org", GOOD["password"])
    assert "badge-on" in client.get("/me").text  # the address shows as confirmed


def test_signup_with_a_registered_address_looks_the_same_and_mails_the_owner(client_for, app):
    from core.tables import Member, OutboxEmail

    make_member(app, email="maelle@example.org", pseudonym="Maelle")
    fresh = signup(client_for("fr"), email="new@example.org", pseudonym="Nouvelle")
    taken = signup(client_for("fr"), email="Maelle@Example.org", pseudonym="Imposteur")
    assert taken.status_code == fresh.status_code == 200
    assert text_of(taken.text).replace("Maelle@Example.org", "X") == text_of(fresh.text).replace("new@example.org", "X")
    assert set(taken.headers) == set(fresh.headers)
    assert run_async(app, Member.count().where(Member.pseudonym == "Imposteur")) == 0
    (notice,) = run_async(app, OutboxEmail.select().where(OutboxEmail.to_email == "maelle@example.org"))
    assert "Quelqu'un a tenté de créer un compte" in notice["subject"]
    assert "http://fr.localhost:8000/password/reset" in notice["body"] and "/verify/" not in notice["body"]
    for _ in range(5):  # the owner's mailbox is not flooded
        signup(client_for("fr"), email="maelle@example.org", pseudonym="Imposteur")
    assert run_async(app, OutboxEmail.count().where(OutboxEmail.to_email == "maelle@example.org")) == 3


def test_signup_refuses_bad_input_and_writes_nothing(client, app):
    cases = {
        "password": {"password": "short"},
        "pseudonym": {"pseudonym": "bob@example.org"},
        "birth_year": {"birth_year": "2020"},
        "email": {"email": "not-an-email"},
        "consent_core.terms": {"consent_core.terms": None},
    }
    from core.tables import Member

    for field_name, change in cases.items():
        response = signup(client, **change)
        assert response.status_code == 400, field_name
        assert f'id="f-{field_name}-error"' in response.text or f"f-{field_name}" in response.text
    assert run_async(app, Member.count()) == 0


def test_signup_refuses_common_password(client):
    response = signup(client, password="qwerty123456")
    assert response.status_code == 400
    assert "f-password-error" in response.text


def test_signup_refuses_duplicate_pseudonym_case_insensitively(client, app):
    make_member(app, email="first@example.org", pseudonym="Maelle")
    response = signup(client, pseudonym="MAELLE")
    assert response.status_code == 400
    assert "f-pseudonym-error" in response.text


def test_minimum_age_follows_the_edition(client_for, app):
    from datetime import date

    year = str(date.today().year - 14)
    fr = signup(client_for("fr"), birth_year=year)
    assert fr.status_code == 400 and "f-birth_year-error" in fr.text  # France: 15
    uk = signup(client_for("uk"), birth_year=year, email="teen@example.org", pseudonym="Teen")
    assert uk.status_code == 200  # UK: 13


def test_signup_with_uploaded_avatar_strips_metadata(client, app):
    buf = io.BytesIO()
    image = Image.new("RGB", (400, 300), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    image.save(buf, "JPEG", exif=exif)
    files = {"avatar_upload": ("me.jpg", buf.getvalue(), "image/jpeg")}
    data = {"_csrf_token": csrf_token(client), **GOOD}
    response = client.post("/signup", data=data, files=files, follow_redirects=False)
    assert response.status_code == 200, response.text[:500]
    from core.tables import Member

    member_id = run_async(app, Member.select(Member.id).first())["id"]
    avatar = client.get(f"/avatars/{member_id}")
    assert avatar.headers["content-type"].startswith("image/")
    assert b"SecretCameraMaker" not in avatar.content
    assert avatar.headers["x-content-type-options"] == "nosniff"


def test_signup_rejects_a_non_image_upload(client, app):
    files = {"avatar_upload": ("evil.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")}
    data = {"_csrf_token": csrf_token(client), **GOOD}
    response = client.post("/signup", data=data, files=files, follow_redirects=False)
    assert response.status_code == 400
    from core.tables import Member

    assert run_async(app, Member.count()) == 0


def test_login_rotates_session_and_logout_kills_it(client, app):
    make_member(app, email="alice@example.org")
    client.cookies.set("entraide_sid", "attacker-chosen-value", domain="fr.localhost")
    login(client, "alice@example.org")
    new_sid = client.cookies.get("entraide_sid")
    assert new_sid and new_sid != "attacker-chosen-value"
    assert client.get("/me").status_code == 200
    post_form(client, "/logout")
    client.cookies.set("entraide_sid", new_sid, domain="fr.localhost")
    assert client.get("/me", follow_redirects=False).status_code == 303


def test_session_cookie_flags(client, app):
    make_member(app, email="alice@example.org")
    response = login(client, "alice@example.org")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie


def test_wrong_password_then_throttled_with_429(client, app):
    make_member(app, email="alice@example.org")
    for _ in range(5):
        response = post_form(client, "/login", {"email": "alice@example.org", "password": "wrong password!!"})
        assert response.status_code == 400
    blocked = post_form(client, "/login", {"email": "alice@example.org", "password": "entraide-demo-2026"})
    assert blocked.status_code == 429
    assert blocked.headers["retry-after"] == "1"
    assert "Réessayez dans 1 seconde." in text_of(blocked.text)


def test_password_reset_flow_is_single_use(client, app):
    make_member(app, email="alice@example.org")
    response = post_form(client, "/password/reset", {"email": "alice@example.org"})
    assert response.status_code == 200
    unknown = post_form(client, "/password/reset", {"email": "nobody@example.org"})
    assert text_of(unknown.text) == text_of(response.text).replace("alice@example.org", "nobody@example.org")
    from core.tables import OutboxEmail

    body = run_async(app, OutboxEmail.select().where(OutboxEmail.to_email == "alice@example.org"))[0]["body"]
    token = re.search(r"/password/reset/(\S+)", body).group(1)
    weak = post_form(client, f"/password/reset/{token}", {"password": "short"})
    assert weak.status_code == 400
    done = post_form(client, f"/password/reset/{token}", {"password": "a brand new long passphrase"})
    assert done.status_code == 303
    login(client, "alice@example.org", "a brand new long passphrase")
    reused = post_form(client, f"/password/reset/{token}", {"password": "another long passphrase"})
    assert reused.status_code == 400


def test_email_is_never_shown_to_other_members(client_for, app):
    make_member(app, email="alice@example.org", pseudonym="Alice")
    make_member(app, email="bob@example.org", pseudonym="Bob")
    bob = client_for("fr")
    login(bob, "bob@example.org")
    for path in ("/", "/me", "/me/consents"):
        assert "alice@example.org" not in bob.get(path).text


def test_outbox_only_in_demo_mode(make_app, client_for):
    assert client_for("fr").get("/dev/outbox").status_code == 200
    quiet = make_app(demo=False)
    assert client_for("fr", quiet).get("/dev/outbox").status_code == 404


def test_email_is_case_insensitive_for_login_and_uniqueness(client, client_for, app):
    from core.tables import Member

    assert signup(client, email="Maelle.K@Example.org").status_code == 200
    other = client_for("be")
    duplicate = signup(other, email="maelle.k@example.ORG", pseudonym="Autre")
    assert duplicate.status_code == 200 and run_async(app, Member.count()) == 1
    login(client_for("ch"), "MAELLE.K@example.org", GOOD["password"])


def test_password_reset_requests_are_budgeted(client, app):
    from core.tables import OutboxEmail

    make_member(app, email="alice@example.org")
    for _ in range(7):
        assert post_form(client, "/password/reset", {"email": "alice@example.org"}).status_code == 200
    sent = run_async(app, OutboxEmail.count().where(OutboxEmail.to_email == "alice@example.org"))
    assert sent == 5  # no mailbox flooding; the page says the same thing every time
    for _ in range(13):
        post_form(client, "/password/reset", {"email": "someone@example.org"})
    blocked = post_form(client, "/password/reset", {"email": "bob@example.org"})
    assert blocked.status_code == 429
    assert "f-email-error" in blocked.text


def test_member_lists_and_revokes_own_devices(client_for, app):
    make_member(app, email="alice@example.org")
    make_member(app, email="bob@example.org", pseudonym="Bob")
    laptop, phone, mallory = client_for("fr"), client_for("be"), client_for("ch")
    login(laptop, "alice@example.org")
    login(phone, "alice@example.org")
    login(mallory, "bob@example.org")
    page = laptop.get("/me/sessions")
    sids = re.findall(r'action="/me/sessions/([0-9a-f]{64})/revoke"', page.text)
    assert len(sids) == 1  # the other device; this one is marked, not revocable here
    assert page.text.count('class="badge badge-on"') == 1
    assert post_form(mallory, f"/me/sessions/{sids[0]}/revoke").status_code == 404  # not Bob's
    assert phone.get("/me").status_code == 200
    assert post_form(laptop, f"/me/sessions/{sids[0]}/revoke").status_code == 303
    assert phone.get("/me", follow_redirects=False).status_code == 303  # signed out
    assert laptop.get("/me").status_code == 200


def test_signup_attempts_are_budgeted_per_address(client):
    for _ in range(20):
        assert signup(client, password="short").status_code == 400
    blocked = signup(client)
    assert blocked.status_code == 429
    assert "heure" in blocked.text or "hour" in blocked.text


def test_password_change_is_notified_without_secrets(client, app):
    from core.tables import OutboxEmail

    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    wrong = post_form(client, "/me/password", {"current_password": "nope nope nope", "new_password": "x" * 20})
    assert wrong.status_code == 400
    ok = post_form(
        client, "/me/password", {"current_password": "entraide-demo-2026", "new_password": "a fresh long passphrase"}
    )
    assert ok.status_code == 303
    mails = run_async(app, OutboxEmail.select().where(OutboxEmail.to_email == "alice@example.org"))
    assert len(mails) == 1
    assert "a fresh long passphrase" not in mails[0]["body"] and "Entraide France" in mails[0]["body"]
    post_form(client, "/logout")
    login(client, "alice@example.org", "a fresh long passphrase")


def test_login_goes_back_to_the_page_exactly_as_asked(make_app, client_for):
    app = make_app(plugins=["groups"])
    make_member(app, email="nina@example.org", pseudonym="Nina")
    visitor = client_for("fr", app)
    html = {"accept": "text/html"}
    asked = visitor.get("/groups/", headers=html, follow_redirects=False)
    assert asked.headers["location"] == "/login?next=/groups/"  # the trailing slash is kept
    query = visitor.get("/groups/?page=2&lang=fr", headers=html, follow_redirects=False)
    assert query.headers["location"] == "/login?next=/groups/%3Fpage%3D2%26lang%3Dfr"
    form = visitor.get(query.headers["location"]).text
    assert 'name="next" value="/groups/?page=2&amp;lang=fr"' in form
    data = {"email": "nina@example.org", "password": "entraide-demo-2026", "next": "/groups/?page=2&lang=fr"}
    assert post_form(visitor, "/login", data).headers["location"] == "/groups/?page=2&lang=fr"


def test_login_next_is_a_same_site_path_only(client, app):
    make_member(app, email="omar@example.org", pseudonym="Omar")
    for bad in ("https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil", "x/y"):
        data = {"email": "omar@example.org", "password": "entraide-demo-2026", "next": bad}
        assert post_form(client, "/login", data).headers["location"] == "/", bad
        post_form(client, "/logout")
    assert 'name="next" value="/"' in client.get("/login?next=//evil.example").text
