"""Reports, the three-reports rule, and the moderators' queue with its audit trail."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fixture_plugins import event_sink, fake_social
from wall_helpers import comment, publish

from core.api import audit_trail
from core.testing import login, make_member, post_form, run_async
from plugins.wall.tables import Comment, Post, Report


def _shown_at(world, site, action, locale, zone):
    """When ``action`` was audited, as the edition writes it: day, short month, year and local time."""
    row = next(r for r in run_async(world.app, audit_trail(site, "wall.")) if r["action"] == action)
    return format_datetime(row["created_at"], "d MMM y, HH:mm", tzinfo=ZoneInfo(zone), locale=locale)


def _moderator(world, client_for, site="fr", role="moderator"):
    make_member(world.app, email=f"mod-{site}@example.org", pseudonym=f"Modo{site}", site=site, role=role)
    client = client_for(site, world.app)
    login(client, f"mod-{site}@example.org")
    return client


def _hidden(world, post):
    return run_async(world.app, Post.select(Post.hidden).where(Post.id == post).first())["hidden"]


def test_a_report_needs_a_reason_and_counts_once_per_member(world):
    post = publish(world["alice"], "Buy my miracle cure", "members")
    assert post_form(world["bob"], f"/wall/posts/{post}/report", {"reason": ""}).status_code == 400
    assert post_form(world["bob"], f"/wall/posts/{post}/report", {"reason": "spam", "note": "ad"}).status_code == 303
    again = post_form(world["bob"], f"/wall/posts/{post}/report", {"reason": "abuse"})
    assert "Vous l’avez déjà signalé." in world["bob"].get(again.headers["location"]).text
    assert run_async(world.app, Report.count()) == 1
    assert not _hidden(world, post)


def test_three_different_members_hide_a_post_pending_review(world, client_for):
    dave = make_member(world.app, email="dave@example.org", pseudonym="Dave")
    dave_client = client_for("fr", world.app)
    login(dave_client, "dave@example.org")
    post = publish(world["alice"], "Stop your insulin, eat cinnamon", "members")
    for client in (world["bob"], world["carol"]):
        post_form(client, f"/wall/posts/{post}/report", {"reason": "danger"})
    assert not _hidden(world, post)
    post_form(dave_client, f"/wall/posts/{post}/report", {"reason": "danger"})
    assert _hidden(world, post)
    assert world["bob"].get(f"/wall/posts/{post}").status_code == 404
    assert f'id="post-{post}"' not in world["carol"].get("/wall/?view=edition").text
    own = world["alice"].get(f"/wall/posts/{post}")
    assert own.status_code == 200 and "Masqué aux autres membres" in own.text
    moderator = _moderator(world, client_for)
    queue = moderator.get("/wall/moderation/").text
    assert "Stop your insulin" in queue and "3 signalements" in queue
    assert "<td>publication masquée après trois signalements</td>" in queue  # the automatic hiding is in the trail
    assert dave  # reporter ids are never shown to the author


def test_moderators_decide_and_every_decision_is_audited(world, client_for):
    post = publish(world["alice"], "Borderline", "friends")
    note = comment(world["bob"], post, "Rude words")
    post_form(world["alice"], f"/wall/comments/{note}/report", {"reason": "abuse"})
    post_form(world["bob"], f"/wall/posts/{post}/report", {"reason": "other"})
    moderator = _moderator(world, client_for)
    assert moderator.get(f"/wall/posts/{post}").status_code == 200  # reported: moderators may open it
    assert post_form(moderator, f"/wall/moderation/comments/{note}/hide", {"note": "insult"}).status_code == 303
    assert run_async(world.app, Comment.select(Comment.hidden).first())["hidden"] is True
    assert "Rude words" not in world["alice"].get(f"/wall/posts/{post}").text
    post_form(moderator, f"/wall/moderation/posts/{post}/warn")
    warned = event_sink.named("wall.author.warned")
    assert warned[0].payload["notify"][0]["member_id"] == world.alice
    post_form(moderator, f"/wall/moderation/posts/{post}/dismiss")
    statuses = {r["status"] for r in run_async(world.app, Report.select(Report.status))}
    assert statuses == {"hidden", "dismissed"}
    trail = moderator.get("/wall/moderation/").text
    for label in ("commentaire masqué", "auteur d’une publication averti", "signalements d’une publication classés"):
        assert f"<td>{label}</td>" in trail
    assert "wall.post.warn" not in trail and "wall.comment:" not in trail  # no raw identifiers
    assert f'<a href="/wall/posts/{post}#comment-{note}">le commentaire</a>' in trail
    shown = _shown_at(world, "fr", "wall.post.warn", "fr_FR", "Europe/Paris")  # 2 déc. 2026, 07:10
    assert f"<td>{shown}</td>" in trail
    assert "Modofr" in trail


def test_the_trail_speaks_the_editions_language(world, client_for):
    post = publish(world["ulla"], "Rude words in English", "members")
    moderator = _moderator(world, client_for, site="uk")
    post_form(moderator, f"/wall/moderation/posts/{post}/hide")
    trail = moderator.get("/wall/moderation/").text
    assert "<td>post hidden</td>" in trail and f'<a href="/wall/posts/{post}">the post</a>' in trail
    shown = _shown_at(world, "uk", "wall.post.hide", "en_GB", "Europe/London")  # 2 Dec 2026, 06:10
    assert f"<td>{shown}</td>" in trail


def test_queue_is_for_the_editions_moderators_only(world, client_for):
    publish(world["alice"], "x", "members")
    assert world["bob"].get("/wall/moderation/").status_code == 404
    other = _moderator(world, client_for, site="uk")
    assert other.get("/wall/moderation/").status_code == 200  # their own edition's queue
    post = publish(world["alice"], "French post", "members")
    post_form(world["bob"], f"/wall/posts/{post}/report", {"reason": "spam"})
    assert "French post" not in other.get("/wall/moderation/").text
    assert post_form(other, f"/wall/moderation/posts/{post}/hide").status_code == 404
    fake_social.reset()
