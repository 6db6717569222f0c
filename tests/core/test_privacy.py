"""Export everything, erase everything."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

from core.tables import ConsentEvent, Member, SessionRow
from core.testing import login, make_member, post_form, run_async


def test_export_json_holds_account_and_ledger_but_no_password(client, app):
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    response = client.get("/me/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert data["core"]["account"]["email"] == "alice@example.org"
    assert "password_hash" not in json.dumps(data)
    assert {r["purpose"] for r in data["core"]["consent_ledger"]} == {"core.terms", "core.health_data"}


def test_export_zip_has_json_and_csv(client, app):
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    response = client.get("/me/export.zip")
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "data.json" in names and "core/consent_ledger.csv" in names
    assert archive.read("core/consent_ledger.csv").decode().startswith("purpose,action,text_version")


def test_delete_needs_password_and_erases_every_row(client, app):
    alice = make_member(app, email="alice@example.org")
    bob = make_member(app, email="bob@example.org", pseudonym="Bob")
    login(client, "alice@example.org")
    wrong = post_form(client, "/me/delete", {"password": "not my password"})
    assert wrong.status_code == 400
    assert run_async(app, Member.exists().where(Member.id == alice))
    done = post_form(client, "/me/delete", {"password": "entraide-demo-2026"})
    assert done.status_code == 303
    assert not run_async(app, Member.exists().where(Member.id == alice))
    assert run_async(app, ConsentEvent.count().where(ConsentEvent.member == alice)) == 0
    assert run_async(app, SessionRow.count().where(SessionRow.member == alice)) == 0
    assert run_async(app, ConsentEvent.count().where(ConsentEvent.member == bob)) == 2
    assert client.get("/me", follow_redirects=False).status_code == 303


def test_plugin_files_travel_in_the_zip_and_are_named_in_the_json(tmp_path):
    from core.api import ExportFile
    from core.privacy import encode_json, export_zip

    photo = tmp_path / "a.webp"
    photo.write_bytes(b"RIFF-photo-bytes")
    gone = tmp_path / "gone.webp"
    document = {
        "wall": {
            "photos": [
                {"post_id": 1, "file": ExportFile("wall/photos/a.webp", photo)},
                {"post_id": 2, "file": ExportFile("wall/photos/gone.webp", gone)},
            ]
        }
    }
    assert json.loads(encode_json(document))["wall"]["photos"][0]["file"] == "files/wall/photos/a.webp"
    archive = zipfile.ZipFile(io.BytesIO(export_zip(document)))
    assert archive.read("files/wall/photos/a.webp") == b"RIFF-photo-bytes"
    assert "files/wall/photos/gone.webp" not in archive.namelist()  # deleted since: left out
    assert archive.read("wall/photos.csv").decode().splitlines()[1] == "1,files/wall/photos/a.webp"


def test_export_file_names_cannot_escape_the_files_folder(tmp_path):
    import pytest

    from core.api import ExportFile

    for bad in ("../etc/passwd", "wall/../../x", "/abs/path", "Wall/x", "wall"):
        with pytest.raises(ValueError):
            ExportFile(bad, tmp_path / "x")


def test_decimals_are_json_numbers_with_their_digits():
    from decimal import Decimal

    from core.privacy import encode_json, json_default

    document = {"weight": Decimal("72.5"), "score": Decimal("0.1"), "count": Decimal("12"), "when": date(2026, 12, 1)}
    assert encode_json(document) == b'{"weight":72.5,"score":0.1,"count":12,"when":"2026-12-01"}'
    assert json.dumps([Decimal("72.5"), Decimal("3")], default=json_default) == "[72.5, 3]"
