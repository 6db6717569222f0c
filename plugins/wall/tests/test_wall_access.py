"""Authorization over every object route: without access, a member gets 404 and changes nothing.

Outsiders: a member who is not a friend (friends-only post), a member the
author blocked (and who blocked the author), and a member of another
edition. Each tries every page, HTMX fragment, JSON view and action on a
post, its comment, its photo files and its reports.
"""

from __future__ import annotations

import pytest
from fixture_plugins import fake_social
from wall_helpers import comment, counts, publish

from core.testing import post_form, run_async
from plugins.wall.tables import Like, Report

GETS = [
    "/wall/posts/{post}",
    "/wall/posts/{post}/edit",
    "/wall/posts/{post}/history",
    "/wall/posts/{post}/delete",
    "/wall/posts/{post}/report",
    "/wall/photos/{photo}",
    "/wall/photos/{photo}/thumb",
    "/wall/comments/{comment}/edit",
    "/wall/comments/{comment}/history",
    "/wall/comments/{comment}/delete",
    "/wall/comments/{comment}/report",
    "/wall/api/posts/{post}",
    "/wall/moderation/",
]
POSTS = [
    "/wall/posts/{post}/edit",
    "/wall/posts/{post}/delete",
    "/wall/posts/{post}/like",
    "/wall/posts/{post}/comments",
    "/wall/posts/{post}/report",
    "/wall/comments/{comment}/edit",
    "/wall/comments/{comment}/delete",
    "/wall/comments/{comment}/report",
    "/wall/moderation/posts/{post}/hide",
    "/wall/moderation/comments/{comment}/hide",
]


def make_target(world, picture, audience="friends"):
    """Alice's post with a photo, and Bob's comment on it."""
    post = publish(world["alice"], "Alice's words, with a photo", audience, photos=[("a.png", picture("PNG"))])
    note = comment(world["bob"], post, "Nice")
    photo = int(world["alice"].get(f"/wall/posts/{post}").text.split('href="/wall/photos/')[1].split('"')[0])
    return {"post": post, "comment": note, "photo": photo}


@pytest.fixture
def target(world, picture):
    return make_target(world, picture)


def _outsider(world, who):
    if who == "blocked":
        fake_social.block(world.alice, world.carol)
        fake_social.befriend(world.alice, world.carol)  # even a former friend
        return world["carol"]
    if who == "blocking":
        fake_social.befriend(world.alice, world.carol)
        fake_social.block(world.carol, world.alice)
        return world["carol"]
    return world["carol"] if who == "stranger" else world["ulla"]


@pytest.mark.parametrize(
    ("who", "audience"),
    [("stranger", "friends"), ("blocked", "members"), ("blocking", "members"), ("other_edition", "members")],
)
def test_outsiders_get_404_everywhere_and_change_nothing(world, picture, who, audience):
    """A post shared with every member still hides from blocked members and other editions."""
    target = make_target(world, picture, audience)
    client = _outsider(world, who)
    before = counts(world.app)
    for template in GETS:
        url = template.format(**target)
        for headers in ({}, {"HX-Request": "true"}, {"Accept": "application/json"}):
            assert client.get(url, headers=headers).status_code == 404, (who, url, headers)
    for template in POSTS:
        url = template.format(**target)
        response = post_form(client, url, {"body": "intrusion", "reason": "spam"}, headers={"HX-Request": "true"})
        assert response.status_code == 404, (who, url)
    assert counts(world.app) == before
    assert run_async(world.app, Like.count()) == 0
    assert run_async(world.app, Report.count()) == 0
    assert "Alice's words" not in client.get("/wall/?view=edition").text
    assert "Alice&#39;s words" not in client.get("/wall/?view=edition").text


def test_a_reader_cannot_touch_what_is_not_theirs(world, target):
    bob = world["bob"]  # a friend: reads the post and wrote the comment
    assert bob.get("/wall/posts/{post}".format(**target)).status_code == 200
    for url in ("/wall/posts/{post}/edit", "/wall/posts/{post}/delete"):
        assert bob.get(url.format(**target)).status_code == 404
        assert post_form(bob, url.format(**target), {"body": "hijack"}).status_code == 404
    alice = world["alice"]
    for url in ("/wall/comments/{comment}/edit", "/wall/comments/{comment}/delete"):
        assert alice.get(url.format(**target)).status_code == 404
        assert post_form(alice, url.format(**target), {"body": "hijack"}).status_code == 404
    assert alice.get("/wall/posts/{post}/report".format(**target)).status_code == 404  # not one's own
    assert counts(world.app) == (1, 1, 1)


def test_a_blocked_members_wall_and_comments_disappear(world):
    fake_social.befriend(world.alice, world.carol)
    post = publish(world["alice"], "Hello friends", "friends")
    comment(world["carol"], post, "Carol was here")
    fake_social.block(world.alice, world.carol)
    assert world["alice"].get(f"/wall/members/{world.carol}/").status_code == 404
    assert world["carol"].get(f"/wall/members/{world.alice}/").status_code == 404
    assert "Carol was here" not in world["alice"].get(f"/wall/posts/{post}").text
    assert "Carol was here" in world["bob"].get(f"/wall/posts/{post}").text


def test_logged_out_visitors_are_sent_to_log_in(world, client_for, target):
    visitor = client_for("fr", world.app)
    response = visitor.get("/wall/posts/{post}".format(**target), follow_redirects=False)
    assert response.status_code in (303, 401)
    api = visitor.get("/wall/api/posts/{post}".format(**target), headers={"Accept": "application/json"})
    assert api.status_code in (401, 404)
