"""Posting on the wall: Markdown, audiences, photos, and refused input that stores nothing."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from wall_helpers import counts, media_files, publish

from core.testing import post_form


def test_a_post_renders_its_markdown_safely_and_shows_link_domains(world):
    publish(
        world["alice"],
        "Day **three** of *physio*:\n\n- walk\n- stretch\n\nSee [this guide](https://www.nhs.uk/exercise)",
    )
    page = world["carol"].get("/wall/?view=edition")
    assert "<strong>three</strong>" in page.text and "<em>physio</em>" in page.text
    assert "<li>walk</li>" in page.text
    assert 'rel="nofollow ugc noopener"' in page.text and "(nhs.uk)" in page.text


def test_script_in_markdown_is_shown_as_text_never_run(world):
    attack = '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>'
    post_id = publish(world["alice"], attack)
    page = world["bob"].get(f"/wall/posts/{post_id}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "onerror=alert" not in page.text.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript' not in page.text
    assert "&lt;script&gt;" in page.text


def test_audiences_decide_who_reads_a_post(world):
    fake = __import__("fixture_plugins.fake_social", fromlist=["group"])
    fake.group(7, "Cheville", {world.alice, world.carol})
    friends_only = publish(world["alice"], "For my friends", "friends")
    everyone = publish(world["alice"], "For everyone", "members")
    in_group = publish(world["alice"], "For the group", "group:7")
    readers = {
        "alice": {friends_only, everyone, in_group},
        "bob": {friends_only, everyone},
        "carol": {everyone, in_group},
    }
    for name, allowed in readers.items():
        for post_id in (friends_only, everyone, in_group):
            status = world[name].get(f"/wall/posts/{post_id}").status_code
            assert status == (200 if post_id in allowed else 404), (name, post_id)
    assert world["ulla"].get(f"/wall/posts/{everyone}").status_code == 404  # another edition


def test_the_feed_merges_friends_groups_and_mine_newest_first(world):
    fake = __import__("fixture_plugins.fake_social", fromlist=["group"])
    fake.group(7, "Cheville", {world.bob, world.carol})
    mine = publish(world["bob"], "Bob's own post", "friends")
    friend = publish(world["alice"], "Alice to friends", "friends")
    group = publish(world["carol"], "Carol in the group", "group:7")
    stranger = publish(world["carol"], "Carol to everyone", "members")
    feed = world["bob"].get("/wall/").text
    positions = [feed.find(f'id="post-{i}"') for i in (group, friend, mine)]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert f'id="post-{stranger}"' not in feed  # not a friend's post: it is on the edition view
    assert f'id="post-{stranger}"' in world["bob"].get("/wall/?view=edition").text


def test_feed_pages_by_keyset_with_htmx_and_a_plain_link(world):
    ids = [publish(world["alice"], f"Post number {n}", "members") for n in range(23)]
    first = world["bob"].get("/wall/")
    assert f'id="post-{ids[-1]}"' in first.text and f'id="post-{ids[2]}"' not in first.text
    cursor = ids[3]
    assert f'href="/wall/?before={cursor}"' in first.text  # works without JavaScript
    assert f'hx-get="/wall/?before={cursor}"' in first.text
    fragment = world["bob"].get(f"/wall/?before={cursor}", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert [f'id="post-{i}"' in fragment.text for i in ids[:3]] == [True, True, True]
    assert "feed-more" not in fragment.text
    plain = world["bob"].get(f"/wall/?before={cursor}")
    assert "<html" in plain.text and f'id="post-{ids[0]}"' in plain.text


def test_empty_feed_says_what_to_do(world):
    page = world["carol"].get("/wall/")
    assert "Votre fil est vide pour l’instant." in page.text
    assert 'href="/wall/?view=edition"' in page.text


def test_photos_are_reencoded_with_thumbnails_and_served_after_the_check(world, picture):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker
    raw = io.BytesIO()
    Image.new("RGB", (3000, 2000), "orange").save(raw, format="JPEG", exif=exif)
    post_id = publish(
        world["alice"],
        "Walk by the lake",
        "friends",
        photos=[("lake.jpg", raw.getvalue()), ("b.png", picture("PNG")), ("c.webp", picture("WEBP"))],
        photo_alt="A lake at sunrise",
    )
    page = world["bob"].get(f"/wall/posts/{post_id}").text
    assert page.count('alt="A lake at sunrise"') == 3
    photo_ids = sorted({int(p.split('"')[0]) for p in page.split('href="/wall/photos/')[1:]})
    full = world["bob"].get(f"/wall/photos/{photo_ids[0]}")
    thumb = world["bob"].get(f"/wall/photos/{photo_ids[0]}/thumb")
    assert full.headers["x-content-type-options"] == "nosniff"
    big, small = Image.open(io.BytesIO(full.content)), Image.open(io.BytesIO(thumb.content))
    assert max(big.size) == 2048 and max(small.size) == 400
    assert b"SecretCam" not in full.content and not big.getexif()
    assert world["carol"].get(f"/wall/photos/{photo_ids[0]}").status_code == 404  # not a friend
    assert world["carol"].get(f"/wall/photos/{photo_ids[0]}/thumb").status_code == 404


BAD_INPUT = [
    ({"body": ""}, [], "Write something first."),
    ({"body": "   \n  "}, [], "Write something first."),
    ({"body": "x" * 10_001}, [], "this text has 10,001"),
    ({"body": "ok", "audience": "group:99"}, [], "You cannot post in this group"),
    ({"body": "ok", "audience": "everyone-on-earth"}, [], "Choose who can see this post."),
]


@pytest.mark.parametrize(("fields", "photos", "message"), BAD_INPUT)
def test_bad_text_or_audience_is_refused_with_a_clear_message(world, fields, photos, message):
    data = {"audience": "members", **fields}
    response = post_form(world["ulla"], "/wall/posts", data)  # English edition: messages in English
    assert response.status_code == 400
    assert message in response.text
    assert "Nothing was saved" in response.text
    assert counts(world.app) == (0, 0, 0)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("huge.jpg", lambda p: p("JPEG") + b"\0" * (10 * 1024 * 1024), "This picture is too large."),
        ("fake.jpg", lambda p: b"<html><script>alert(1)</script></html>", "Upload a JPEG, PNG or WebP picture."),
        ("drawing.svg", lambda p: b"<svg><script>x</script></svg>", "Upload a JPEG, PNG or WebP picture."),
        ("bomb.png", lambda p: p("PNG", size=(8000, 6000)), "This picture has too many pixels."),
    ],
)
def test_oversized_or_fake_images_are_refused_and_nothing_is_stored(world, picture, name, make, message):
    files = [("photos", ("good.png", picture("PNG"), "image/png")), ("photos", (name, make(picture), "image/jpeg"))]
    response = post_form(world["ulla"], "/wall/posts", {"body": "With photos", "audience": "members"}, files=files)
    assert response.status_code == 400
    assert f"Photo 2 ({name}): {message}" in response.text
    assert counts(world.app) == (0, 0, 0)
    assert media_files(world.app) == []


def test_at_most_four_photos(world, picture):
    files = [("photos", (f"{n}.png", picture("PNG"), "image/png")) for n in range(5)]
    response = post_form(world["ulla"], "/wall/posts", {"body": "Five", "audience": "members"}, files=files)
    assert response.status_code == 400 and "At most 4 photos per post." in response.text
    assert counts(world.app) == (0, 0, 0)


def test_the_form_keeps_what_was_typed_after_an_error(world):
    response = post_form(world["ulla"], "/wall/posts", {"body": "x" * 10_001 + "TAIL", "audience": "friends"})
    assert "TAIL</textarea>" in response.text
    assert 'aria-invalid="true"' in response.text


def test_posting_is_budgeted_per_hour_with_a_clear_message(world, monkeypatch):
    from plugins.wall import routes

    monkeypatch.setattr(routes, "POSTS_PER_HOUR", 2)
    publish(world["ulla"], "One")
    publish(world["ulla"], "Two")
    response = post_form(world["ulla"], "/wall/posts", {"body": "Three", "audience": "members"})
    assert response.status_code == 400
    assert "You have posted a lot in the last hour" in response.text
    assert counts(world.app)[0] == 2
