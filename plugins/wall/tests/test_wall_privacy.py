"""Export (posts, comments, photos as files, likes, reports filed) and erasure."""

from __future__ import annotations

import io
import json
import zipfile

from wall_helpers import comment, media_files, publish

from core.testing import post_form, run_async
from plugins.wall.tables import Comment, Like, Post, Report


def test_export_holds_everything_with_photo_files_in_the_zip(world, picture):
    post = publish(world["alice"], "My walk", "friends", photos=[("a.png", picture("PNG")), ("b.jpg", picture())])
    post_form(world["alice"], f"/wall/posts/{post}/edit", {"body": "My long walk"})
    other = publish(world["bob"], "Bob's post", "friends")
    comment(world["alice"], other, "Well done Bob")
    post_form(world["alice"], f"/wall/posts/{other}/like")
    post_form(world["alice"], f"/wall/posts/{other}/report", {"reason": "spam", "note": "testing"})
    data = world["alice"].get("/me/export").json()["wall"]
    assert [p["text"] for p in data["posts"]] == ["My long walk"]
    assert [v["text"] for v in data["post_versions"]] == ["My walk"]
    assert [c["text"] for c in data["comments"]] == ["Well done Bob"]
    assert [like["post_id"] for like in data["likes"]] == [other]
    assert data["reports_filed"][0] | {"created_at": None} == {
        "about": "post",
        "item_id": other,
        "reason": "spam",
        "note": "testing",
        "status": "open",
        "created_at": None,
    }
    files = [p["file"] for p in data["photos"]]
    assert len(files) == 2 and all(f.startswith("files/wall/photos/") for f in files)
    archive = zipfile.ZipFile(io.BytesIO(world["alice"].get("/me/export.zip").content))
    for name in files:
        assert archive.read(name)[:4] in (b"RIFF", b"\x89PNG")
    assert "wall/posts.csv" in archive.namelist()
    assert "Bob's post" not in json.dumps(data)  # only what is hers


def test_erasure_deletes_what_is_theirs_and_recounts_the_rest(world, picture):
    mine = publish(world["alice"], "Mine", "friends", photos=[("a.png", picture("PNG"))])
    comment(world["bob"], mine, "Bob on Alice's post")
    other = publish(world["bob"], "Bob's post", "friends")
    comment(world["alice"], other, "Alice on Bob's post")
    post_form(world["alice"], f"/wall/posts/{other}/like")
    post_form(world["alice"], f"/wall/posts/{other}/report", {"reason": "spam"})
    assert post_form(world["alice"], "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    assert run_async(world.app, Post.select(Post.id)) == [{"id": other}]
    assert run_async(world.app, Comment.count()) == 0
    assert run_async(world.app, Like.count()) == 0 and run_async(world.app, Report.count()) == 0
    left = run_async(world.app, Post.select(Post.like_count, Post.comment_count).first())
    assert left == {"like_count": 0, "comment_count": 0}
    assert media_files(world.app) == []
    assert "Alice on Bob" not in world["bob"].get(f"/wall/posts/{other}").text
