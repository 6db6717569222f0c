"""Editing with history, deleting, comments, likes, and the events that notify members."""

from __future__ import annotations

from fixture_plugins import event_sink, fake_social
from wall_helpers import comment, counts, media_files, publish

from core.testing import post_form, run_async
from plugins.wall.tables import CommentVersion, PostVersion


def test_the_author_edits_a_post_and_readers_see_the_history(world):
    post = publish(world["alice"], "First *draft*", "friends")
    assert world["alice"].get(f"/wall/posts/{post}/edit").status_code == 200
    assert post_form(world["alice"], f"/wall/posts/{post}/edit", {"body": "Second version"}).status_code == 303
    assert post_form(world["alice"], f"/wall/posts/{post}/edit", {"body": "Final words"}).status_code == 303
    page = world["bob"].get(f"/wall/posts/{post}").text
    assert "Final words" in page and f'href="/wall/posts/{post}/history"' in page
    history = world["bob"].get(f"/wall/posts/{post}/history").text
    assert history.index("Second version") < history.index("First *draft*")  # newest first, as typed
    assert run_async(world.app, PostVersion.count()) == 2


def test_an_edit_is_checked_like_a_new_post(world):
    post = publish(world["alice"], "Short", "friends")
    response = post_form(world["alice"], f"/wall/posts/{post}/edit", {"body": "y" * 10_001})
    assert response.status_code == 400
    assert run_async(world.app, PostVersion.count()) == 0
    assert "Short" in world["bob"].get(f"/wall/posts/{post}").text


def test_deleting_a_post_removes_comments_likes_and_photo_files(world, picture):
    post = publish(world["alice"], "Soon gone", "friends", photos=[("a.png", picture("PNG"))])
    comment(world["bob"], post, "Bye")
    post_form(world["bob"], f"/wall/posts/{post}/like")
    assert len(media_files(world.app)) == 2  # picture and thumbnail
    assert "Soon gone" in world["alice"].get(f"/wall/posts/{post}/delete").text  # confirmation page
    assert post_form(world["alice"], f"/wall/posts/{post}/delete").status_code == 303
    assert counts(world.app) == (0, 0, 0)
    assert media_files(world.app) == []
    assert world["bob"].get(f"/wall/posts/{post}").status_code == 404


def test_comments_are_written_edited_with_history_and_deleted(world):
    post = publish(world["alice"], "What helps you sleep?", "friends")
    note = comment(world["bob"], post, "Herbal **tea**")
    page = world["alice"].get(f"/wall/posts/{post}").text
    assert "<strong>tea</strong>" in page and f'id="comment-{note}"' in page
    assert "1 commentaire" in page
    assert post_form(world["bob"], f"/wall/comments/{note}/edit", {"body": "Herbal tea and a book"}).status_code == 303
    assert run_async(world.app, CommentVersion.count()) == 1
    assert "Herbal **tea**" in world["alice"].get(f"/wall/comments/{note}/history").text
    assert post_form(world["bob"], f"/wall/comments/{note}/delete").status_code == 303
    assert "Herbal tea and a book" not in world["alice"].get(f"/wall/posts/{post}").text
    assert "0 commentaire<" in world["alice"].get(f"/wall/posts/{post}").text


def test_an_empty_comment_is_refused_with_the_text_kept(world):
    post = publish(world["ulla"], "Hello UK", "members")
    other = world["ulla"]
    response = post_form(other, f"/wall/posts/{post}/comments", {"body": "  "})
    assert response.status_code == 400 and "Write something first." in response.text
    assert counts(world.app)[1] == 0


def test_likes_toggle_with_htmx_and_notify_the_author_once(world):
    post = publish(world["alice"], "Three months without smoking", "friends")
    fragment = post_form(world["bob"], f"/wall/posts/{post}/like", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert 'aria-pressed="true"' in fragment.text and "1 mention J’aime" in fragment.text
    undone = post_form(world["bob"], f"/wall/posts/{post}/like", headers={"HX-Request": "true"})
    assert 'aria-pressed="false"' in undone.text and "0 mention J’aime<" in undone.text
    liked = event_sink.named("wall.post.liked")
    assert len(liked) == 1
    assert liked[0].payload["notify"] == [
        {
            "member_id": world.alice,
            "kind": "wall.like",
            "actor_id": world.bob,
            "url": f"/wall/posts/{post}",
            "msgid": "%(actor)s liked your post",
            "params": {},
        }
    ]


def test_comments_notify_the_author_and_mentions_only_those_who_can_read(world):
    post = publish(world["alice"], "Friends only: hi @Bob and @Carol", "friends")
    created = event_sink.named("wall.post.created")[0]
    assert [n["member_id"] for n in created.payload["notify"]] == [world.bob]  # Carol cannot read it
    assert created.payload["notify"][0]["kind"] == "wall.mention"
    comment(world["bob"], post, "Thanks @alice!")
    note = event_sink.named("wall.comment.created")[0].payload["notify"]
    assert [(n["member_id"], n["kind"]) for n in note] == [(world.alice, "wall.comment")]  # once, not twice
    fake_social.befriend(world.alice, world.carol)
    comment(world["alice"], post, "Welcome @Carol")
    note = event_sink.named("wall.comment.created")[1].payload["notify"]
    assert [(n["member_id"], n["kind"], n["msgid"]) for n in note] == [
        (world.carol, "wall.mention", "%(actor)s mentioned you in a comment")
    ]


def test_a_members_wall_shows_what_the_viewer_may_read(world):
    publish(world["alice"], "Public note", "members")
    publish(world["alice"], "Friends note", "friends")
    assert "Friends note" in world["bob"].get(f"/wall/members/{world.alice}/").text
    carol_view = world["carol"].get(f"/wall/members/{world.alice}/").text
    assert "Public note" in carol_view and "Friends note" not in carol_view
    assert world["ulla"].get(f"/wall/members/{world.alice}/").status_code == 404


def test_json_views_follow_the_same_rules(world):
    post = publish(world["alice"], "JSON *too*", "friends")
    comment(world["bob"], post, "ok")
    data = world["bob"].get(f"/wall/api/posts/{post}").json()
    assert data["html"] == "<p>JSON <em>too</em></p>\n" and data["author"] == {"id": world.alice, "pseudonym": "Alice"}
    assert [c["text"] for c in data["comment_list"]] == ["ok"]
    assert "email" not in str(data)
    feed = world["bob"].get("/wall/api/feed").json()
    assert [p["id"] for p in feed["posts"]] == [post] and feed["next"] is None
    assert world["carol"].get("/wall/api/feed").json()["posts"] == []
