"""Export everything, erase everything."""

from __future__ import annotations

import io
import json
import zipfile

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
