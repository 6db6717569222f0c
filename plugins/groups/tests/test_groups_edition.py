"""Removing a member from a group, and the groups plugin disabled on an edition (404, data kept)."""

from __future__ import annotations

from groups_helpers import reply, start, stored

from core.api import related
from core.testing import post_form, run_async
from plugins.groups.tables import Membership


def _status(world, group, name):
    row = run_async(
        world.app,
        Membership.select(Membership.status).where(Membership.membership_key == f"{group}:{world.ids[name]}").first(),
    )
    return row and row["status"]


def test_a_group_moderator_removes_a_member_who_must_then_ask_again(world):
    thread = start(world["alice"], world.private, "Carers' evening")
    page = world["alice"].get(f"/groups/{world.private}/members").text
    assert f'action="/groups/{world.private}/members/{world.bob}/remove"' in page
    assert f'action="/groups/{world.private}/members/{world.alice}/remove"' not in page  # not oneself
    assert post_form(world["bob"], f"/groups/{world.private}/members/{world.alice}/remove").status_code == 404
    assert post_form(world["alice"], f"/groups/{world.private}/members/{world.bob}/remove").status_code == 303
    assert _status(world, world.private, "bob") == "removed"
    assert world["bob"].get(f"/groups/threads/{thread}/").status_code == 404
    assert "Un modérateur vous a retiré de ce groupe" in world["bob"].get(f"/groups/{world.private}/").text
    post_form(world["bob"], f"/groups/{world.private}/join")
    assert _status(world, world.private, "bob") == "pending"  # back only with a moderator's approval
    trail = world["alice"].get("/groups/moderation/").text  # the audit trail, in the member's language
    assert "membre retiré du groupe" in trail and f'href="/groups/{world.private}/"' in trail


def test_disabled_on_an_edition_is_404_and_keeps_the_data(world):
    thread = start(world["bob"], world.public, "Still here")
    answer = reply(world["alice"], thread, "Me too")
    rt = world.app.state.entraide
    run_async(world.app, rt.enablement.set(rt.site("fr"), "groups", False))
    for path in (
        "/groups/",
        f"/groups/{world.public}/",
        f"/groups/threads/{thread}/",
        f"/groups/replies/{answer}",
        f"/groups/api/threads/{thread}",
        "/groups/moderation/",
    ):
        assert world["bob"].get(path).status_code == 404, path
    assert post_form(world["bob"], f"/groups/threads/{thread}/replies", {"body": "x"}).status_code == 404
    assert run_async(world.app, related("fr", "groups.memberships", world.bob)) == []
    assert stored(world.app) == (1, 2)
    run_async(world.app, rt.enablement.set(rt.site("fr"), "groups", True))
    assert "Me too" in world["bob"].get(f"/groups/threads/{thread}/").text
    assert sorted(run_async(world.app, related("fr", "groups.memberships", world.bob))) == sorted(
        [world.public, world.private]
    )
