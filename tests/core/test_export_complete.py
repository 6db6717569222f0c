"""/me/export.zip holds everything: avatar, e-mails sent, the hash-chained ledger; CSV is formula-safe."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date

from PIL import Image

from core.consent import verify_chain
from core.testing import csrf_token, login, post_form


def test_zip_holds_avatar_emails_and_ledger_and_neutralises_formulas(client, app):
    image = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(image, "PNG")
    form = {
        "_csrf_token": csrf_token(client),
        "pseudonym": "Maelle",
        "email": "maelle@example.org",
        "password": "correct horse battery staple",
        "birth_year": "1990",
        "consent_core.terms": "yes",
        "consent_core.health_data": "yes",
    }
    files = {"avatar_upload": ("me.png", image.getvalue(), "image/png")}
    assert client.post("/signup", data=form, files=files, follow_redirects=False).status_code == 200
    client.headers["user-agent"] = '=HYPERLINK("http://evil.example","click")'
    login(client, "maelle@example.org", "correct horse battery staple")
    post_form(client, "/me/consents/core.partner_studies/grant")
    feeling = {"feel_physical": "6", "feel_psych": "4", "feel_social": "5", "note": "@SUM(1+1)*cmd"}
    entry = {"date": date.today().isoformat(), **feeling}
    assert post_form(client, "/healthbox/feeling/", entry).status_code == 303  # a plugin's CSV too
    archive = zipfile.ZipFile(io.BytesIO(client.get("/me/export.zip").content))
    names = archive.namelist()
    avatar = next(n for n in names if n.startswith("files/core/avatar"))
    assert Image.open(io.BytesIO(archive.read(avatar))).format == "WEBP"
    data = json.loads(archive.read("data.json"))
    assert data["core"]["avatar"] == avatar
    (mail,) = data["core"]["emails_sent"]
    assert mail["subject"] and "/verify/[redacted]" in mail["body"]
    assert not re.search(r"/verify/(?!\[redacted\])\S", mail["body"])  # no live token in an export file
    ledger = data["core"]["consent_ledger"]
    assert [r["purpose"] for r in ledger] == ["core.health_data", "core.terms", "core.partner_studies"]
    rows = list(csv.DictReader(io.StringIO(archive.read("core/consent_ledger.csv").decode())))
    assert [r["entry_hash"] for r in rows] == [r["entry_hash"] for r in ledger]
    assert [r["prev_hash"] for r in rows][1:] == [r["entry_hash"] for r in rows][:-1]
    sessions = archive.read("core/sessions.csv").decode()
    assert "'=HYPERLINK" in sessions
    assert any("'@SUM(1+1)*cmd" in archive.read(n).decode() for n in names if n.startswith("healthbox/"))
    for name in (n for n in names if n.endswith(".csv")):
        for row in csv.reader(io.StringIO(archive.read(name).decode())):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (name, row)
    assert verify_chain(ledger)  # the member can check their own ledger
