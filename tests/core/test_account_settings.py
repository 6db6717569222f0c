"""Account settings: pseudonym (once per 30 days), avatar, e-mail (confirmed at the new address), language."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

from PIL import Image

from core.tables import Member, OutboxEmail
from core.testing import csrf_token, login, make_member, post_form, run_async


def _member(app, member_id):
    return run_async(app, Member.select().where(Member.id == member_id).first())


def _mails(app, address):
    return run_async(app, OutboxEmail.select().where(OutboxEmail.to_email == address).order_by(OutboxEmail.id))


def _signed_in(app, client_for, *, email="alice@example.org", pseudonym="Alice", site="fr"):
    member_id = make_member(app, email=email, pseudonym=pseudonym, site=site)
    client = client_for(site)
    login(client, email)
    return member_id, client


def test_pseudonym_changes_at_most_once_per_30_days(app, client_for):
    member_id, client = _signed_in(app, client_for)
    make_member(app, email="bob@example.org", pseudonym="Bob")
    taken = post_form(client, "/me/pseudonym", {"pseudonym": "BOB"})
    assert taken.status_code == 400 and "déjà pris" in taken.text and 'href="#f-pseudonym"' in taken.text
    assert post_form(client, "/me/pseudonym", {"pseudonym": "Alix"}).status_code == 303
    assert _member(app, member_id)["pseudonym"] == "Alix"
    page = client.get("/me").text
    assert "Alix" in page and 'action="/me/pseudonym"' not in page  # no form until the 30 days are over
    assert post_form(client, "/me/pseudonym", {"pseudonym": "Alexia"}).status_code == 400
    assert _member(app, member_id)["pseudonym"] == "Alix"
    long_ago = datetime.now(UTC) - timedelta(days=31)
    run_async(app, Member.update({Member.pseudonym_changed_at: long_ago}).where(Member.id == member_id))
    assert post_form(client, "/me/pseudonym", {"pseudonym": "Alexia"}).status_code == 303
    assert _member(app, member_id)["pseudonym_key"] == "alexia"


def test_avatar_choice_and_upload(app, client_for):
    member_id, client = _signed_in(app, client_for)
    assert post_form(client, "/me/avatar", {"avatar_choice": "3"}).status_code == 303
    assert _member(app, member_id)["avatar_choice"] == 3
    buf = io.BytesIO()
    Image.new("RGB", (300, 300), (20, 120, 60)).save(buf, "PNG")
    files = {"avatar_upload": ("me.png", buf.getvalue(), "image/png")}
    response = client.post("/me/avatar", data={"_csrf_token": csrf_token(client)}, files=files, follow_redirects=False)
    assert response.status_code == 303
    stored = _member(app, member_id)["avatar_file"]
    assert stored and client.get(f"/avatars/{member_id}").headers["content-type"].startswith("image/")
    path = app.state.entraide.settings.data_path / "avatars" / stored
    assert path.is_file()
    post_form(client, "/me/avatar", {"avatar_choice": "1"})
    assert not path.exists() and _member(app, member_id)["avatar_file"] is None  # the old picture is deleted
    bad = client.post(
        "/me/avatar",
        data={"_csrf_token": csrf_token(client)},
        files={"avatar_upload": ("x.png", b"not an image", "image/png")},
    )
    assert bad.status_code == 400 and 'href="#f-avatar"' in bad.text


def test_email_change_is_confirmed_at_the_new_address_and_the_old_one_is_told(app, client_for):
    member_id, client = _signed_in(app, client_for)
    wrong = post_form(client, "/me/email", {"new_email": "alice@new.example", "email_password": "nope"})
    assert wrong.status_code == 400 and 'href="#f-email_password"' in wrong.text
    asked = post_form(client, "/me/email", {"new_email": "alice@new.example", "email_password": "entraide-demo-2026"})
    assert asked.status_code == 303
    assert _member(app, member_id)["email"] == "alice@example.org"  # nothing changes before the link is opened
    (link_mail,) = _mails(app, "alice@new.example")
    token = re.search(r"/me/email/confirm/([\w-]+)", link_mail["body"]).group(1)
    assert any("changer l'adresse e-mail" in m["body"] for m in _mails(app, "alice@example.org"))
    stranger = client_for("fr")
    page = stranger.get(f"/me/email/confirm/{token}")  # opening the link changes nothing (mail scanners)
    assert page.status_code == 200 and _member(app, member_id)["email"] == "alice@example.org"
    assert post_form(stranger, f"/me/email/confirm/{token}").status_code == 303
    row = _member(app, member_id)
    assert row["email"] == "alice@new.example" and row["email_verified"] and row["pending_email"] is None
    assert post_form(stranger, f"/me/email/confirm/{token}").status_code == 400  # single use
    told = [m["subject"] for m in _mails(app, "alice@new.example")]  # earlier mails follow the account
    assert "Votre adresse e-mail a été modifiée" in told


def test_email_change_to_a_registered_address_reveals_nothing(app, client_for):
    member_id, client = _signed_in(app, client_for)
    make_member(app, email="bob@example.org", pseudonym="Bob")
    answer = post_form(client, "/me/email", {"new_email": "bob@example.org", "email_password": "entraide-demo-2026"})
    assert answer.status_code == 303  # the same answer as for a free address
    (notice,) = _mails(app, "bob@example.org")
    assert "/me/email/confirm/" not in notice["body"]
    assert _member(app, member_id)["email"] == "alice@example.org" and _member(app, member_id)["pending_email"] is None


def test_language_is_chosen_among_the_edition_languages(app, client_for):
    member_id, client = _signed_in(app, client_for, site="ch", email="zoe@example.org", pseudonym="Zoe")
    assert 'name="language" value="de"' in client.get("/me").text
    assert post_form(client, "/me/language", {"language": "en"}).status_code == 400
    assert post_form(client, "/me/language", {"language": "de"}).status_code == 303
    assert _member(app, member_id)["language"] == "de"
    client.cookies.clear()  # another device: the saved choice follows the account
    login(client, "zoe@example.org")
    assert '<html lang="de">' in client.get("/me").text


def test_single_language_edition_says_which_language(app, client_for):
    _, client = _signed_in(app, client_for)
    page = client.get("/me").text
    assert 'action="/me/language"' not in page and "Entraide France est proposé en français" in page


def test_erasure_also_removes_mails_to_a_pending_address(app, client_for):
    member_id, client = _signed_in(app, client_for)
    post_form(client, "/me/email", {"new_email": "alice@new.example", "email_password": "entraide-demo-2026"})
    assert _mails(app, "alice@new.example")
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    assert _mails(app, "alice@new.example") == [] and _member(app, member_id) is None
