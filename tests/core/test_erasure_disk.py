"""Erasure reaches the disk, and keeps proof of consent without identity."""

from __future__ import annotations

import io
import re
from datetime import date

from PIL import Image

from core.consent import verify_chain
from core.tables import AuditEntry, ConsentArchive, ConsentEvent, Member, OutboxEmail
from core.testing import PG_URL, csrf_token, login, make_member, post_form, run_async

EMAIL = "canary.q7x3@example.org"
PSEUDONYM = "Canaryq7x3"
NOTE = "CanaryNote-zv81 my private evening note"
PASSWORD = "correct horse battery staple"
DEMO_PASSWORD = "entraide-demo-2026"  # make_member's
CANARIES = (EMAIL, PSEUDONYM, "canaryq7x3", "CanaryNote-zv81")


def _sign_up_with_avatar(client):
    image = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 120, 200)).save(image, "PNG")
    form = {
        "_csrf_token": csrf_token(client),
        "pseudonym": PSEUDONYM,
        "email": EMAIL,
        "password": PASSWORD,
        "birth_year": "1990",
        "consent_core.terms": "yes",
        "consent_core.health_data": "yes",
    }
    files = {"avatar_upload": ("me.png", image.getvalue(), "image/png")}
    assert client.post("/signup", data=form, files=files, follow_redirects=False).status_code == 200


def _files_holding(folder, needles):
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            hits = [n for n in needles if n.encode() in content]
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


def test_nothing_readable_is_left_under_the_data_folder(data_app, client_for, tmp_path):
    data = tmp_path / "data"
    make_member(data_app, email="bob@example.org", pseudonym="Bob")
    client = client_for("fr", data_app)
    _sign_up_with_avatar(client)
    login(client, EMAIL, PASSWORD)
    today = date.today().isoformat()
    entry = {"date": today, "feel_physical": "6", "feel_psych": "4", "feel_social": "5", "note": NOTE}
    assert post_form(client, "/healthbox/feeling/", entry).status_code == 303
    photo = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 120, 20)).save(photo, "PNG")
    files = [("photos", ("p.png", photo.getvalue(), "application/octet-stream"))]
    wall = {"body": f"{NOTE} on the wall", "audience": "members"}
    assert post_form(client, "/wall/posts", wall, files=files).status_code == 303
    assert post_form(client_for("fr", data_app), "/password/reset", {"email": EMAIL}).status_code == 200
    before = _files_holding(data, CANARIES)
    assert "outbox.log" in before  # the test can see canaries where they are
    if not PG_URL:
        assert any(name.startswith("entraide.sqlite3") for name in before), before
    assert list((data / "avatars").iterdir())
    assert [p for p in (data / "media").rglob("*") if p.is_file()]  # the wall photo, by a plugin
    assert post_form(client, "/me/delete", {"password": PASSWORD}).status_code == 303
    assert _files_holding(data, CANARIES) == {}
    assert list((data / "avatars").iterdir()) == []
    assert [p for p in (data / "media").rglob("*") if p.is_file()] == []
    if not PG_URL:
        wal = data / "entraide.sqlite3-wal"
        assert not wal.exists() or wal.stat().st_size < 200_000


def test_ledger_is_rekeyed_and_audit_names_only_the_erasure_id(app, client):
    alice = make_member(
        app, email="alice@example.org", pseudonym="Alice", consents=("core.terms", "core.health_data"), role="operator"
    )
    bob = make_member(app, email="bob@example.org", pseudonym="Bob")
    login(client, "alice@example.org")
    post_form(client, "/me/consents/core.partner_studies/grant")
    post_form(client, "/me/consents/core.partner_studies/withdraw")
    assert post_form(client, f"/admin/members/{bob}/role", {"role": "moderator"}).status_code == 303
    ledger = run_async(app, ConsentEvent.select().where(ConsentEvent.member == alice).order_by(ConsentEvent.id))
    assert len(ledger) == 4 and verify_chain(ledger)
    run_async(app, AuditEntry.insert(AuditEntry(actor="Ops", action="member.role_changed", target=f"member:{alice}")))
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303

    archived = run_async(app, ConsentArchive.select().order_by(ConsentArchive.id))
    assert [r["entry_hash"] for r in archived] == [r["entry_hash"] for r in ledger]
    assert len({r["erasure_id"] for r in archived}) == 1 and verify_chain(archived)
    erasure_id = archived[0]["erasure_id"]
    assert erasure_id.startswith("e-") and len(erasure_id) == 26
    assert run_async(app, ConsentEvent.count().where(ConsentEvent.member == alice)) == 0
    audit = run_async(app, AuditEntry.select().order_by(AuditEntry.id))
    erased = [r for r in audit if r["action"] == "member.erased"]
    assert [(r["actor_id"], r["actor"], r["target"]) for r in erased] == [(None, erasure_id, erasure_id)]
    assert erased[0]["detail"] in ({}, "{}")
    text = repr(audit)
    assert "Alice" not in text and "alice@" not in text and f"member:{alice}" not in text
    assert not [r for r in audit if r["actor_id"] == alice]
    assert [r["target"] for r in audit if r["action"] == "member.role_changed"] == [f"member:{bob}", erasure_id]
    assert run_async(app, Member.exists().where(Member.id == bob))


def test_erasure_after_an_email_change_leaves_neither_address_on_disk(data_app, client_for, tmp_path):
    moved = "moved.k4p9@example.org"
    make_member(data_app, email=EMAIL, pseudonym=PSEUDONYM)
    client = client_for("fr", data_app)
    login(client, EMAIL)
    assert post_form(client, "/me/email", {"new_email": moved, "email_password": DEMO_PASSWORD}).status_code == 303
    (link,) = run_async(data_app, OutboxEmail.select(OutboxEmail.body).where(OutboxEmail.to_email == moved))
    token = re.search(r"/me/email/confirm/([\w-]+)", link["body"]).group(1)
    assert post_form(client, f"/me/email/confirm/{token}").status_code == 303
    outbox = tmp_path / "data" / "outbox.log"
    assert EMAIL in outbox.read_text(encoding="utf-8")  # "your address was changed", sent to the old one
    assert post_form(client, "/me/delete", {"password": DEMO_PASSWORD}).status_code == 303
    assert _files_holding(tmp_path / "data", (*CANARIES, moved, "moved.k4p9")) == {}
