"""Prepared selects (core.prepared): built once, the same rows as the Piccolo query, transactions honoured."""

from __future__ import annotations

import pytest

from core.db import transaction
from core.prepared import prepared
from core.tables import ConsentEvent, Member
from core.testing import make_member, run_async

LEDGER = prepared(
    lambda p: (
        ConsentEvent.select(ConsentEvent.purpose, ConsentEvent.action, ConsentEvent.created_at)
        .where(ConsentEvent.member == p.member_id)
        .order_by(ConsentEvent.id)
    )
)
PSEUDONYM = prepared(lambda p: Member.select(Member.pseudonym).where(Member.id == p.member_id))


def piccolo_ledger(member_id: int) -> object:
    return (
        ConsentEvent.select(ConsentEvent.purpose, ConsentEvent.action, ConsentEvent.created_at)
        .where(ConsentEvent.member == member_id)
        .order_by(ConsentEvent.id)
    )


def test_prepared_select_returns_the_piccolo_querys_rows_for_each_value(app):
    alice = make_member(app, email="alice@example.org", pseudonym="Alice", consents=("core.terms",))
    bob = make_member(app, email="bob@example.org", pseudonym="Bob")
    for member_id in (alice, bob, alice):  # the same compiled statement, new values each time
        assert run_async(app, LEDGER.rows(member_id=member_id)) == run_async(app, piccolo_ledger(member_id))
    assert [r["purpose"] for r in run_async(app, LEDGER.rows(member_id=alice))] == ["core.terms"]
    assert run_async(app, LEDGER.rows(member_id=10**9)) == []
    assert run_async(app, PSEUDONYM.first(member_id=bob)) == {"pseudonym": "Bob"}
    assert run_async(app, PSEUDONYM.first(member_id=10**9)) is None


def test_prepared_select_reads_inside_the_open_transaction(app):
    alice = make_member(app, email="alice@example.org", pseudonym="Alice")

    class Abort(Exception):
        pass

    async def rename_then_abort() -> str:
        try:
            async with transaction():
                await Member.update({Member.pseudonym: "Renamed"}).where(Member.id == alice)
                seen = await PSEUDONYM.first(member_id=alice)
                raise Abort(seen["pseudonym"] if seen else "")
        except Abort as done:
            return str(done)

    assert run_async(app, rename_then_abort()) == "Renamed"  # the transaction's own connection
    assert run_async(app, PSEUDONYM.first(member_id=alice)) == {"pseudonym": "Alice"}  # rolled back


def test_prepared_refuses_what_it_cannot_return(app):
    objects = prepared(lambda p: Member.objects().where(Member.id == p.member_id))
    with pytest.raises(ValueError, match="plain rows"):
        run_async(app, objects.rows(member_id=1))
