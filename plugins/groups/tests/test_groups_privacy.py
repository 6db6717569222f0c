"""Export (memberships, messages, reports filed) and erasure."""

from __future__ import annotations

from groups_helpers import reply, start

from core.testing import post_form, run_async
from plugins.groups.tables import Group, Membership, Reply, Report, Thread


def test_export_holds_memberships_messages_and_reports(world):
    thread = start(world["bob"], world.public, "Bob's thread", "Bob's opening")
    mine = start(world["alice"], world.public, "Alice's thread", "Alice's opening")
    reply(world["alice"], thread, "Alice's reply")
    post_form(world["alice"], f"/groups/replies/{reply(world['bob'], mine, 'Bob here')}/report", {"reason": "spam"})
    data = world["alice"].get("/me/export").json()["groups"]
    assert sorted((m["group"], m["role"]) for m in data["memberships"]) == [
        ("Aidants", "moderator"),
        ("Anxiété", "moderator"),
    ]
    assert [t["title"] for t in data["threads_started"]] == ["Alice's thread"]
    assert sorted(m["text"] for m in data["messages"]) == ["Alice's opening", "Alice's reply"]
    assert [r["reason"] for r in data["reports_filed"]] == ["spam"]
    assert "Bob's opening" not in str(data)


def test_erasure_removes_their_groups_data_and_recounts(world):
    thread = start(world["bob"], world.public, "Bob's thread")
    reply(world["alice"], thread, "Alice's reply")
    start(world["alice"], world.public, "Alice's thread")
    assert post_form(world["alice"], "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    assert [t["title"] for t in run_async(world.app, Thread.select(Thread.title))] == ["Bob's thread"]
    assert run_async(world.app, Reply.count()) == 1
    assert run_async(world.app, Membership.count().where(Membership.member == world.alice)) == 0
    assert run_async(world.app, Report.count()) == 0
    group = run_async(world.app, Group.select().where(Group.id == world.public).first())
    assert (group["member_count"], group["thread_count"]) == (1, 1)
    assert run_async(world.app, Thread.select(Thread.reply_count).first())["reply_count"] == 0
