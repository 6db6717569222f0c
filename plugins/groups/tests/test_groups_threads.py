"""Threads, replies with quotes, subscriptions, pinning, locking, editing and deleting."""

from __future__ import annotations

import pytest
from fixture_plugins import event_sink
from groups_helpers import opening, reply, start, stored

from core.testing import post_form, run_async
from plugins.groups.tables import ReplyVersion, Thread


def test_members_start_threads_and_reply_with_a_quote(world):
    thread = start(world["bob"], world.public, "Nuits difficiles", "Je me réveille à **3 h** chaque nuit.")
    first = opening(world.app, thread)
    answer = reply(world["alice"], thread, "Pareil, la cohérence cardiaque m'aide.", quote=first)
    page = world["bob"].get(f"/groups/threads/{thread}/").text
    assert "<strong>3 h</strong>" in page
    quote = page.split(f'id="reply-{answer}"')[1].split("</blockquote>")[0]
    assert "Bob" in quote and "Je me réveille à 3 h chaque nuit." in quote  # plain words, no Markdown marks
    assert world["bob"].get(f"/groups/replies/{answer}", follow_redirects=False).headers["location"] == (
        f"/groups/threads/{thread}/?page=1#reply-{answer}"
    )


def test_the_quote_form_and_notifications_to_subscribers_quoted_and_mentioned(world):
    thread = start(world["bob"], world.public)
    first = opening(world.app, thread)
    form = world["alice"].get(f"/groups/threads/{thread}/?quote={first}").text
    assert f'name="quote" value="{first}"' in form
    post_form(world["carol"], f"/groups/{world.public}/join")
    reply(world["alice"], thread, "Bienvenue @Carol !", quote=first)
    notify = event_sink.named("groups.reply.created")[0].payload["notify"]
    assert sorted((n["member_id"], n["kind"]) for n in notify) == sorted(
        [(world.carol, "groups.mention"), (world.bob, "groups.quote")]
    )
    reply(world["carol"], thread, "Merci !")
    notify = event_sink.named("groups.reply.created")[1].payload["notify"]
    assert sorted((n["member_id"], n["kind"]) for n in notify) == sorted(
        [(world.bob, "groups.reply"), (world.alice, "groups.reply")]
    )
    assert notify[0]["params"] == {"thread": "Sleep and anxiety"}


def test_following_toggles_with_htmx(world):
    thread = start(world["alice"], world.public)
    fragment = post_form(world["bob"], f"/groups/threads/{thread}/subscription", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and 'aria-pressed="true"' in fragment.text
    reply(world["alice"], thread, "News")
    assert [n["member_id"] for n in event_sink.named("groups.reply.created")[0].payload["notify"]] == [world.bob]
    post_form(world["bob"], f"/groups/threads/{thread}/subscription")
    reply(world["alice"], thread, "More news")
    assert event_sink.named("groups.reply.created")[1].payload["notify"] == []


def test_moderators_pin_and_lock_and_a_locked_thread_takes_no_reply(world):
    older = start(world["bob"], world.public, "Older")
    newer = start(world["bob"], world.public, "Newer")
    assert post_form(world["bob"], f"/groups/threads/{older}/pin").status_code == 404
    assert post_form(world["alice"], f"/groups/threads/{older}/pin").status_code == 303
    page = world["bob"].get(f"/groups/{world.public}/").text
    assert page.index("Older") < page.index("Newer")
    post_form(world["alice"], f"/groups/threads/{newer}/lock")
    refused = post_form(world["bob"], f"/groups/threads/{newer}/replies", {"body": "Too late"})
    assert refused.status_code == 400 and "verrouillée" in refused.text
    assert stored(world.app) == (2, 2)
    assert run_async(world.app, Thread.select(Thread.locked).where(Thread.id == newer).first())["locked"] is True


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Écrivez d’abord quelque chose."), ("x" * 10_001, "10 001")],
)
def test_bad_messages_are_refused_with_a_clear_message_and_nothing_stored(world, body, message):
    thread = start(world["bob"], world.public)
    response = post_form(world["bob"], f"/groups/threads/{thread}/replies", {"body": body})
    assert response.status_code == 400 and message in response.text.replace("\u202f", " ").replace("\xa0", " ")
    assert stored(world.app) == (1, 1)
    untitled = post_form(world["bob"], f"/groups/{world.public}/threads", {"title": "", "body": body or "x"})
    assert untitled.status_code == 400
    assert stored(world.app) == (1, 1)


def test_writing_in_a_group_one_is_not_in_is_refused(world):
    response = post_form(world["carol"], f"/groups/{world.public}/threads", {"title": "Hi", "body": "Hello"})
    assert response.status_code == 400 and "rejoignez-le d’abord" in response.text
    thread = start(world["bob"], world.public)
    response = post_form(world["carol"], f"/groups/threads/{thread}/replies", {"body": "Hello"})
    assert response.status_code == 400 and "rejoignez-le d’abord" in response.text
    assert stored(world.app) == (1, 1)


def test_script_in_a_message_is_shown_as_text(world):
    thread = start(world["bob"], world.public, "Test", "<script>alert(1)</script> [x](javascript:alert(1))")
    page = world["alice"].get(f"/groups/threads/{thread}/").text
    assert "<script>alert(1)</script>" not in page and 'href="javascript' not in page


def test_authors_edit_with_history_and_delete(world):
    thread = start(world["bob"], world.public)
    answer = reply(world["alice"], thread, "First words")
    assert post_form(world["alice"], f"/groups/replies/{answer}/edit", {"body": "Better words"}).status_code == 303
    assert run_async(world.app, ReplyVersion.count()) == 1
    assert "First words" in world["bob"].get(f"/groups/replies/{answer}/history").text
    assert post_form(world["bob"], f"/groups/replies/{answer}/edit", {"body": "hijack"}).status_code == 404
    assert post_form(world["alice"], f"/groups/replies/{answer}/delete").status_code == 303
    assert stored(world.app) == (1, 1)
    first = opening(world.app, thread)
    assert "toute la discussion" in world["bob"].get(f"/groups/replies/{first}/delete").text
    post_form(world["bob"], f"/groups/replies/{first}/delete")
    assert stored(world.app) == (0, 0)


def test_json_views_of_groups_and_threads(world):
    thread = start(world["bob"], world.private, "Privé", "Entre nous")
    data = world["bob"].get(f"/groups/api/threads/{thread}").json()
    assert data["title"] == "Privé" and [r["text"] for r in data["replies"]] == ["Entre nous"]
    group = world["carol"].get(f"/groups/api/groups/{world.private}").json()
    assert group["can_read"] is False and group["threads"] == [] and group["members"] == "moins de 10 membres"
