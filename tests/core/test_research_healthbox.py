"""Health Box numbers for partner studies, through core.api: one number per consenting member, nothing else.

A core test: it writes a study consent straight into the ledger (core.consent), which plugin tests may not do.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.api import study_values, study_variables
from core.testing import edition_today, make_member, run_async, withdraw_consent
from plugins.healthbox.services import dumps
from plugins.healthbox.tables import Entry, QuestionnaireResponse

STUDY = "studies.study.7"
CONSENTS = ("core.terms", "core.health_data", "core.partner_studies")


def _grant_study(app, member_id, purpose=STUDY):
    from core import consent
    from core.consent import Purpose, PurposeText

    rt = app.state.entraide
    text = Purpose(purpose, {"en": PurposeText("Pain and peers", "Describe who uses peer support.")}, health=True)
    run_async(app, consent.record(member_id, text, "grant", site=rt.site("uk"), language="en", channel="test"))


def _entry(app, member_id, tracker, days_ago, **values):
    day = edition_today("uk") - timedelta(days=days_ago)
    row = Entry(
        member=member_id,
        tracker=tracker,
        day=day,
        entry_key=f"{member_id}:{tracker}:{day}",
        values=dumps(values),
        recorded_at=datetime.now(UTC),
        tz="Europe/London",
    )
    run_async(app, row.save())


def _score(app, member_id, questionnaire, days_ago, score, minutes=0):
    row = QuestionnaireResponse(
        member=member_id,
        tracker="feeling",
        questionnaire=questionnaire,
        version="1",
        answers="{}",
        score=score,
        day=edition_today("uk") - timedelta(days=days_ago),
        taken_at=datetime.now(UTC) + timedelta(minutes=minutes),
    )
    run_async(app, row.save())


def _values(app, variable, ids):
    return run_async(app, study_values("uk", variable, ids, STUDY, edition_today("uk")))


def test_hook_provide_study_variables(app):
    found = run_async(app, study_variables("uk"))
    assert {"healthbox.bmi.latest", "healthbox.sleep.mean30", "healthbox.pss10.latest"} <= set(found)
    assert found["healthbox.bmi.latest"].bins == (18.5, 25, 30) and found["healthbox.weight.latest"].unit == "kg"
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "healthbox", False))
    assert not any(key.startswith("healthbox.") for key in run_async(app, study_variables("uk")))


def test_hook_resolve_study_values(app):
    ann = make_member(app, email="ann@example.org", pseudonym="Ann", site="uk", consents=CONSENTS)
    bob = make_member(app, email="bob@example.org", pseudonym="Bob", site="uk", consents=CONSENTS)
    cat = make_member(app, email="cat@example.org", pseudonym="Cat", site="uk", consents=CONSENTS)
    _grant_study(app, ann)
    _grant_study(app, cat)  # Bob grants partner studies, but never joined this study
    withdraw_consent(app, cat, "core.health_data", site="uk")  # Cat no longer lets the Health Box use her data
    for who in (ann, bob, cat):
        _entry(app, who, "weight", 400, weight=95.0, bmi=33.1)  # older than 12 months: ignored
        _entry(app, who, "weight", 10, weight=80.0, bmi=27.8)
        _entry(app, who, "weight", 2, weight=78.5, bmi=27.3)
        _entry(app, who, "sleep", 40, tst_min=300)  # outside the 30 days
        _entry(app, who, "sleep", 3, tst_min=420)
        _entry(app, who, "sleep", 1, tst_min=480)
        for days_ago in (1, 5, 9):
            _entry(app, who, "activity", days_ago, mod_equiv_min=60)
        _score(app, who, "pss10", 5, 20)
        _score(app, who, "pss10", 1, 12)
    everyone = [ann, bob, cat]
    assert _values(app, "healthbox.weight.latest", everyone) == {ann: 78.5}
    assert _values(app, "healthbox.bmi.latest", everyone) == {ann: 27.3}
    assert _values(app, "healthbox.sleep.mean30", everyone) == {ann: 450.0}  # (420 + 480) / 2
    assert _values(app, "healthbox.activity.week28", everyone) == {ann: 45.0}  # 180 min in 4 weeks
    assert _values(app, "healthbox.pss10.latest", everyone) == {ann: 12.0}
    assert _values(app, "healthbox.ftnd.latest", everyone) == {}  # no FTND answered: no value, not zero
    assert _values(app, "healthbox.diagnosis", everyone) == {}  # nobody answers an unknown variable
    withdraw_consent(app, ann, "core.partner_studies", site="uk")
    assert _values(app, "healthbox.weight.latest", everyone) == {}
