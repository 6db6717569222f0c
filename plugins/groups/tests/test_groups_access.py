"""Authorization over every thread, message and report route: outsiders get 404 and change nothing.

Outsiders: a member who is not in a private group, a member blocked by (or
blocking) the author in a public group, and a member of another edition.
"""

from __future__ import annotations

import pytest
from fixture_plugins import fake_social
from groups_helpers import opening, reply, start, stored

from core.testing import post_form, run_async
from plugins.groups.tables import Membership, Report, Subscription, Thread

GETS = [
    "/groups/threads/{thread}/",
    "/groups/threads/{thread}/?quote={reply}",
    "/groups/replies/{reply}",
    "/groups/replies/{reply}/edit",
    "/groups/replies/{reply}/history",
    "/groups/replies/{reply}/delete",
    "/groups/replies/{reply}/report",
    "/groups/api/threads/{thread}",
    "/groups/{group}/threads/new",
    "/groups/{group}/members",
    "/groups/moderation/",
]
POSTS = [
    "/groups/threads/{thread}/replies",
    "/groups/threads/{thread}/subscription",
    "/groups/threads/{thread}/pin",
    "/groups/threads/{thread}/lock",
    "/groups/replies/{reply}/edit",
    "/groups/replies/{reply}/delete",
    "/groups/replies/{reply}/report",
    "/groups/moderation/replies/{reply}/hide",
    "/groups/moderation/replies/{reply}/remove",
    "/groups/{group}/requests/{bob}/approve",
]


def _target(world, group):
    thread = start(world["bob"], group, "Thread by Bob", "Words by Bob")
    answer = reply(world["alice"], thread, "Alice's answer", quote=opening(world.app, thread))
    return {"thread": thread, "reply": answer, "group": group, "bob": world.bob}


@pytest.mark.parametrize("who", ["non_member", "blocked", "blocking", "other_edition"])
def test_outsiders_get_404_everywhere_and_change_nothing(world, who):
    private = who in ("non_member", "other_edition")
    target = _target(world, world.private if private else world.public)
    client = world["ulla"] if who == "other_edition" else world["carol"]
    if who == "blocked":
        fake_social.block(world.bob, world.carol)
    if who == "blocking":
        fake_social.block(world.carol, world.bob)
    if who in ("blocked", "blocking"):  # Alice's answer in Bob's thread: the thread itself is what hides
        target["reply"] = opening(world.app, target["thread"])
    before = (stored(world.app), run_async(world.app, Subscription.count()), run_async(world.app, Membership.count()))
    for template in GETS:
        url = template.format(**target)
        for headers in ({}, {"HX-Request": "true"}, {"Accept": "application/json"}):
            assert client.get(url, headers=headers).status_code == 404, (who, url, headers)
    for template in POSTS:
        url = template.format(**target)
        data = {"body": "intrusion", "reason": "spam", "title": "x"}
        assert post_form(client, url, data, headers={"HX-Request": "true"}).status_code == 404, (who, url)
    after = (stored(world.app), run_async(world.app, Subscription.count()), run_async(world.app, Membership.count()))
    assert after == before
    assert run_async(world.app, Report.count()) == 0
    assert run_async(world.app, Thread.select(Thread.pinned, Thread.locked).first()) == {
        "pinned": False,
        "locked": False,
    }
    assert "Thread by Bob" not in client.get(f"/groups/{world.public}/").text


def test_a_private_groups_page_invites_to_ask_but_hides_its_threads(world):
    start(world["bob"], world.private, "Secret topic")
    page = world["carol"].get(f"/groups/{world.private}/")
    assert page.status_code == 200 and "Secret topic" not in page.text
    assert f'action="/groups/{world.private}/join"' in page.text
    assert world["ulla"].get(f"/groups/{world.private}/").status_code == 404


def test_a_blocked_members_replies_disappear_from_threads(world):
    post_form(world["carol"], f"/groups/{world.public}/join")
    thread = start(world["alice"], world.public, "Open thread")
    reply(world["carol"], thread, "A reply by Carol")
    fake_social.block(world.bob, world.carol)
    assert "A reply by Carol" not in world["bob"].get(f"/groups/threads/{thread}/").text
    assert "A reply by Carol" in world["alice"].get(f"/groups/threads/{thread}/").text


def test_logged_out_visitors_are_sent_to_log_in(world, client_for):
    visitor = client_for("fr", world.app)
    for path in ("/groups/", f"/groups/{world.public}/"):
        response = visitor.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path
    assert visitor.get("/groups/api/groups/1", headers={"accept": "application/json"}).status_code == 401
