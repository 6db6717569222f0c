"""After /me/delete, no row in any table of any installed plugin references the member."""

from __future__ import annotations

from datetime import date

from piccolo.columns import ForeignKey, Integer

from core.app import all_tables
from core.tables import Member
from core.testing import login, make_member, post_form, run_async


def member_columns(table):
    for column in table._meta.columns:
        points_at_member = isinstance(column, ForeignKey) and column._foreign_key_meta.resolved_references is Member
        holds_member_id = isinstance(column, Integer) and column._meta.name in ("member_id", "owner_id")
        if points_at_member or holds_member_id:
            yield column


def test_no_row_references_an_erased_member(app, client):
    alice = make_member(
        app,
        email="alice@example.org",
        pseudonym="Alice",
        consents=("core.terms", "core.health_data", "core.partner_studies"),
    )
    bob = make_member(app, email="bob@example.org", pseudonym="Bob")
    login(client, "alice@example.org")
    today = date.today().isoformat()
    # leave data in every bundled plugin the way a member would
    post_form(client, "/healthbox/settings", {"height_cm": "170", "quit_date": today})
    post_form(client, "/healthbox/weight/", {"date": today, "weight": "70"})
    post_form(client, "/healthbox/tobacco/q/mtss/", {"mtss": "5"})
    tables = all_tables(app.state.entraide.registry)
    referencing = [(t, c) for t in tables for c in member_columns(t)]
    assert len(referencing) >= 6
    before = sum(run_async(app, t.count().where(c == alice)) for t, c in referencing)
    assert before > 5
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    leftovers = {t._meta.tablename: run_async(app, t.count().where(c == alice)) for t, c in referencing}
    assert not any(leftovers.values()), leftovers
    assert run_async(app, Member.exists().where(Member.id == bob))
