"""Study consents in the ledger and study values through core (core.research)."""

from __future__ import annotations

from datetime import date

import pytest
from fixture_plugins import greedy_study

from core.api import members_consenting, study_values, study_variables
from core.consent import verify_chain
from core.erasure import erase_member
from core.research import record_dynamic
from core.tables import ConsentArchive, ConsentEvent
from core.testing import make_member, run_async, withdraw_consent

STUDY = "studies.study.3"
CONSENTS = ("core.terms", "core.partner_studies")


def _agree(app, member_id, action="grant", purpose=STUDY, body="Describe who uses peer support."):
    rt = app.state.entraide
    site = rt.site("uk")
    return run_async(
        app,
        record_dynamic(rt, member_id, purpose, action, site=site, language="en", title="T", body=body, channel="test"),
    )


def test_study_consents_are_chained_ledger_rows_versioned_by_their_text_and_rekeyed_at_erasure(app):
    ann = make_member(app, email="ann@example.org", pseudonym="Ann", site="uk", consents=CONSENTS)
    first = _agree(app, ann)
    assert _agree(app, ann, "withdraw") == first  # same text, same version
    assert _agree(app, ann, body="Another purpose {edition}") != first  # braces kept literally, new version
    rows = run_async(app, ConsentEvent.select().where(ConsentEvent.member == ann).order_by(ConsentEvent.id))
    assert [r["action"] for r in rows if r["purpose"] == STUDY] == ["grant", "withdraw", "grant"]
    assert verify_chain(rows)
    assert run_async(app, erase_member(app.state.entraide, ann))
    assert run_async(app, ConsentEvent.count().where(ConsentEvent.member == ann)) == 0
    archived = run_async(app, ConsentArchive.select().where(ConsentArchive.purpose == STUDY))
    assert [r["action"] for r in archived] == ["grant", "withdraw", "grant"]


def test_a_dynamic_purpose_cannot_shadow_a_declared_one(app):
    ann = make_member(app, email="ann@example.org", pseudonym="Ann", site="uk", consents=CONSENTS)
    for name in ("core.partner_studies", "core.study.1", "studies", "studies..1"):
        with pytest.raises(ValueError, match="not a dynamic purpose"):
            _agree(app, ann, purpose=name)


def test_members_consenting_reads_the_latest_row_of_every_purpose(app):
    ann = make_member(app, email="ann@example.org", pseudonym="Ann", site="uk", consents=CONSENTS)
    bob = make_member(app, email="bob@example.org", pseudonym="Bob", site="uk", consents=CONSENTS)
    cat = make_member(app, email="cat@example.org", pseudonym="Cat", site="uk", consents=("core.terms",))
    for member in (ann, bob, cat):
        _agree(app, member)
    _agree(app, bob, "withdraw")
    assert run_async(app, members_consenting([ann, bob, cat], "core.partner_studies", STUDY)) == {ann}
    withdraw_consent(app, ann, "core.partner_studies", site="uk")
    assert run_async(app, members_consenting([ann, bob, cat], "core.partner_studies", STUDY)) == set()
    assert run_async(app, members_consenting([], STUDY)) == set()


def test_hook_resolve_study_values_answers_only_for_consenting_members(make_app):
    app = make_app(extra_plugins=[greedy_study])
    greedy_study.ASKED.clear()
    ann = make_member(app, email="ann@example.org", pseudonym="Ann", site="uk", consents=CONSENTS)
    bob = make_member(app, email="bob@example.org", pseudonym="Bob", site="uk", consents=CONSENTS)
    _agree(app, ann)  # Bob grants partner studies but never agreed to this study
    assert "greedy_study.score" in run_async(app, study_variables("uk"))
    found = run_async(app, study_values("uk", "greedy_study.score", [ann, bob], STUDY, date(2026, 12, 1)))
    assert [[ann]] == greedy_study.ASKED  # the plugin never even hears of Bob
    assert found == {ann: float(ann)}  # and an id it made up is dropped
    assert run_async(app, study_values("uk", "greedy_study.score", [bob], STUDY, date(2026, 12, 1))) == {}
