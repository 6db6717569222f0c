"""A study's own consent lives in core's consent ledger: joining, leaving, extracts, /me, export and erasure.

Seen from the member's side only (their pages and their export): the
ledger's internals are tested in tests/core/test_research.py.
"""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise

from core.api import DEMO_PASSWORD
from core.testing import login, post_form, run_async, text_of, withdraw_consent
from plugins.studies.tests.test_studies_flow import _approved_study, _join

TITLE, TEXT = "Pain and peers", "Describe who uses peer support."
PURPOSE = "studies.study.1"


def _ledger(client):
    exported = json.loads(client.get("/me/export").content)
    return exported["core"]["consent_ledger"]


def test_joining_records_the_study_consent_and_leaving_its_withdrawal(app, client_for):
    from plugins.studies.tables import Participation

    _approved_study(app, client_for)
    _join(app, client_for, 1)
    client = client_for("uk")
    login(client, "m0@example.org")
    [grant] = [r for r in _ledger(client) if r["purpose"] == PURPOSE]
    expected = hashlib.sha256(f"{PURPOSE}\n{TITLE}\n{TEXT}".encode()).hexdigest()[:16]  # the text read, in English
    assert (grant["action"], grant["language"], grant["channel"], grant["text_version"]) == (
        "grant",
        "en",
        "web",
        expected,
    )
    assert run_async(app, Participation.select(Participation.consent_version).first())["consent_version"] == expected
    page = text_of(client.get("/me/consents").text)
    assert f"{TITLE} · Lab Demo Consent given on" in page and f"text version {expected}" in page
    assert post_form(client, "/studies/1/join", {"sex": "f", "agree": "1"}).status_code == 303
    assert len([r for r in _ledger(client) if r["purpose"] == PURPOSE]) == 1  # joining twice records nothing more
    assert post_form(client, "/studies/1/leave").status_code == 303  # the button on /me/consents
    ledger = _ledger(client)
    assert [r["action"] for r in ledger if r["purpose"] == PURPOSE] == ["grant", "withdraw"]
    assert "Consent withdrawn on" in text_of(client.get("/me/consents").text)
    # The study rows are links of the member's one hash chain, like every other consent.
    assert all(row["prev_hash"] == before["entry_hash"] for before, row in pairwise(ledger))
    assert run_async(app, Participation.count()) == 0


def test_erasing_the_account_erases_participation_and_keeps_no_identity(app, client_for):
    from plugins.studies.tables import Participation

    _approved_study(app, client_for)
    _join(app, client_for, 1)
    client = client_for("uk")
    login(client, "m0@example.org")
    assert post_form(client, "/me/delete", {"password": DEMO_PASSWORD}).status_code == 303
    assert run_async(app, Participation.count()) == 0


def test_extracts_count_only_members_whose_ledger_consents_at_extract_time(app, client_for):
    from plugins.studies.tables import Disclosure

    study_id, partner = _approved_study(app, client_for)
    ids = _join(app, client_for, 12)
    withdraw_consent(app, ids[0], "core.partner_studies", site="uk")  # still a participant, no longer consenting
    assert post_form(partner, f"/studies/{study_id}/extracts").status_code == 303
    counted = {r["member"] for r in run_async(app, Disclosure.select(Disclosure.member))}
    assert counted == set(ids[1:])
    assert "Total 10 0 0 10" in text_of(partner.get(f"/studies/{study_id}").text)  # 11 women, rounded to 10
