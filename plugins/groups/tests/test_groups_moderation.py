"""Reports, three reports hiding a message, queues for group moderators and staff, decisions audited."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fixture_plugins import event_sink
from groups_helpers import reply, start

from core.api import audit_trail
from core.testing import login, make_member, post_form, run_async
from plugins.groups.tables import Membership, Reply, Report


def _hidden(world, reply_id):
    return run_async(world.app, Reply.select(Reply.hidden).where(Reply.id == reply_id).first())["hidden"]


def test_three_members_hide_a_message_pending_review(world, client_for):
    thread = start(world["alice"], world.public)
    bad = reply(world["bob"], thread, "Stop your treatment, drink lemon water")
    post_form(world["carol"], f"/groups/{world.public}/join")
    dave = make_member(world.app, email="dave@example.org", pseudonym="Dave")
    post_form(world["alice"], f"/groups/replies/{bad}/report", {"reason": "danger"})
    post_form(world["carol"], f"/groups/replies/{bad}/report", {"reason": "danger"})
    assert post_form(world["carol"], f"/groups/replies/{bad}/report", {"reason": "spam"}).status_code == 303
    assert run_async(world.app, Report.count()) == 2 and not _hidden(world, bad)
    dave_client = client_for("fr", world.app)
    login(dave_client, "dave@example.org")
    post_form(dave_client, f"/groups/replies/{bad}/report", {"reason": "danger"})
    assert _hidden(world, bad)
    page = world["carol"].get(f"/groups/threads/{thread}/").text
    assert "lemon water" not in page and "masqué" in page
    assert "lemon water" in world["bob"].get(f"/groups/threads/{thread}/").text  # its author still sees it
    assert dave


def test_group_moderators_see_their_groups_queue_and_staff_see_every_group(world):
    thread = start(world["bob"], world.public)
    target = reply(world["bob"], thread, "Rude reply")
    post_form(world["alice"], f"/groups/replies/{target}/report", {"reason": "abuse", "note": "insult"})
    assert world["bob"].get("/groups/moderation/").status_code == 404  # moderates nothing
    assert "Rude reply" in world["alice"].get("/groups/moderation/").text
    assert "Rude reply" in world["modo"].get("/groups/moderation/").text
    assert "insult" in world["modo"].get("/groups/moderation/").text


def test_decisions_apply_and_are_audited(world):
    thread = start(world["bob"], world.public)
    target = reply(world["bob"], thread, "Questionable")
    post_form(world["alice"], f"/groups/replies/{target}/report", {"reason": "other"})
    post_form(world["modo"], f"/groups/moderation/replies/{target}/hide", {"note": "checked"})
    assert _hidden(world, target)
    post_form(world["modo"], f"/groups/moderation/replies/{target}/restore")
    assert not _hidden(world, target)
    post_form(world["alice"], f"/groups/moderation/replies/{target}/warn")
    warned = event_sink.named("groups.member.warned")[0].payload["notify"][0]
    assert warned["member_id"] == world.bob and warned["kind"] == "groups.warning"
    assert post_form(world["alice"], f"/groups/moderation/replies/{target}/remove").status_code == 303
    membership = run_async(
        world.app, Membership.select().where(Membership.membership_key == f"{world.public}:{world.bob}").first()
    )
    assert membership["status"] == "removed"
    refused = post_form(world["bob"], f"/groups/threads/{thread}/replies", {"body": "Still here?"})
    assert refused.status_code == 400
    post_form(world["bob"], f"/groups/{world.public}/join")
    again = run_async(
        world.app, Membership.select().where(Membership.membership_key == f"{world.public}:{world.bob}").first()
    )
    assert again["status"] == "pending"  # a removed member needs a moderator to come back
    trail = world["modo"].get("/groups/moderation/").text
    for label in ("message masqué", "message rétabli", "auteur averti", "auteur retiré du groupe"):
        assert f"<td>{label}</td>" in trail
    assert "Modo" in trail and "Alice" in trail
    assert f'<a href="/groups/replies/{target}">Message</a>' in trail and f"groups.reply:{target}" not in trail
    hidden = next(r for r in run_async(world.app, audit_trail("fr", "groups.")) if r["action"] == "groups.reply.hide")
    shown = format_datetime(hidden["created_at"], "d MMM y, HH:mm", tzinfo=ZoneInfo("Europe/Paris"), locale="fr_FR")
    assert f"<td>{shown}</td>" in trail  # "2 déc. 2026, 07:10": French words, Paris time


def test_staff_open_a_reported_message_of_a_private_group_but_nothing_else(world):
    thread = start(world["bob"], world.private, "Private")
    other = reply(world["alice"], thread, "Not reported")
    target = reply(world["alice"], thread, "Reported")
    assert world["modo"].get(f"/groups/replies/{target}").status_code == 404
    post_form(world["bob"], f"/groups/replies/{target}/report", {"reason": "privacy"})
    alone = world["modo"].get(f"/groups/replies/{target}")
    assert alone.status_code == 200 and "Reported" in alone.text and "Not reported" not in alone.text
    assert world["modo"].get(f"/groups/replies/{other}").status_code == 404
    assert world["modo"].get(f"/groups/threads/{thread}/").status_code == 404
