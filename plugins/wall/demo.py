"""Demo wall: believable posts, photos, comments and likes on every edition.

Runs after the friends and groups plugins seeded (``META.seed_after``), so
friends-only posts go to real friends and some posts go to a group the
author belongs to. Camille, Oliver and Lena get comments and likes on their
posts; these are emitted as events, so the notifications plugin (when
enabled) shows them.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from core.api import (
    DemoContext,
    Event,
    MemberView,
    ProcessedImage,
    emit,
    process_image,
    related,
    save_media,
    transaction,
)
from plugins.wall.demo_content import COMMENTS, POSTS
from plugins.wall.demo_images import draw_scene
from plugins.wall.notify import MSG_COMMENT, MSG_LIKE
from plugins.wall.tables import Comment, Like, Photo, Post

__all__ = ["seed"]

NAMED = ("camille@demo.entraide.test", "oliver@demo.entraide.test", "lena@demo.entraide.test")
PHOTO_SITES = frozenset({"fr", "uk", "de"})


async def _friends(site: str, member_id: int) -> set[int]:
    return {int(i) for i in await related(site, "friends.friends", member_id)}


async def _insert_post(
    author: MemberView, site: str, audience: str, group: dict[str, Any] | None, body: str, when: datetime
) -> int:
    rows = await Post.insert(
        Post(
            author=author.id,
            site=site,
            audience=audience,
            group_id=group["id"] if group else None,
            group_name=str(group["name"]) if group else "",
            body=body,
            created_at=when,
        )
    ).returning(Post.id)
    return int(rows[0]["id"])


async def _add_photo(post_id: int, scene: str, pictures: dict[str, ProcessedImage], rng: random.Random) -> None:
    """Each scene is drawn and re-encoded once per run (the costly part), then stored per post."""
    if scene not in pictures:
        pictures[scene] = process_image(draw_scene(scene, rng))
    picture = pictures[scene]
    name, thumb = save_media("wall", picture.data, picture.ext), save_media("wall", picture.thumb, picture.ext)
    await Photo.insert(
        Photo(post=post_id, position=0, name=name, thumb=thumb, width=picture.width, height=picture.height)
    )
    await Post.update({Post.photo_count: 1}).where(Post.id == post_id)


async def _react(
    ctx: DemoContext,
    site: str,
    post_id: int,
    author: MemberView,
    readers: list[MemberView],
    when: datetime,
    lang: str,
    notify: bool,
) -> None:
    rng = ctx.random
    others = [m for m in readers if m.id != author.id]
    commenters = rng.sample(others, min(len(others), rng.randint(0, 3) + (2 if notify else 0)))
    for number, commenter in enumerate(commenters, start=1):
        at = when + timedelta(minutes=37 * number + rng.randint(0, 50))
        rows = await Comment.insert(
            Comment(post=post_id, author=commenter.id, body=rng.choice(COMMENTS[lang]), created_at=at)
        ).returning(Comment.id)
        if notify:
            url = f"/wall/posts/{post_id}#comment-{rows[0]['id']}"
            entry = {
                "member_id": author.id,
                "kind": "wall.comment",
                "actor_id": commenter.id,
                "url": url,
                "msgid": MSG_COMMENT,
                "params": {},
            }
            await emit(site, Event("wall.comment.created", site, commenter.id, {"post_id": post_id, "notify": [entry]}))
    likers = rng.sample(others, min(len(others), rng.randint(0, 8)))
    for liker in likers:
        await Like.insert(
            Like(post=post_id, member=liker.id, like_key=f"{post_id}:{liker.id}", created_at=when + timedelta(hours=1))
        )
        if notify and liker is likers[0]:
            entry = {
                "member_id": author.id,
                "kind": "wall.like",
                "actor_id": liker.id,
                "url": f"/wall/posts/{post_id}",
                "msgid": MSG_LIKE,
                "params": {},
            }
            await emit(site, Event("wall.post.liked", site, liker.id, {"post_id": post_id, "notify": [entry]}))
    await Post.update({Post.comment_count: len(commenters), Post.like_count: len(likers)}).where(Post.id == post_id)


async def _seed_site(
    ctx: DemoContext, site: str, lang: str, members: list[MemberView], pictures: dict[str, ProcessedImage]
) -> None:
    rng = ctx.random
    texts = POSTS[lang]
    named = [m for m in members if m.id in {ctx.by_email[e].id for e in NAMED if e in ctx.by_email}]
    count = min(len(texts) * 2, 2 + 2 * len(members))
    now = datetime.now(UTC)
    times = sorted(now - timedelta(hours=rng.uniform(1, 24 * 21)) for _ in range(count))
    for index, when in enumerate(times):
        author = named[index % len(named)] if named and index % 4 == 0 else rng.choice(members)
        body, scene = texts[index % len(texts)]
        friends = await _friends(site, author.id)
        groups = [g for g in await related(site, "groups.postable", author.id) if isinstance(g, dict)]
        roll = rng.random()
        if groups and roll < 0.2:
            audience, group, readers = "group", rng.choice(groups), [m for m in members if m.id in friends]
        elif friends and roll < 0.45:
            audience, group, readers = "friends", None, [m for m in members if m.id in friends]
        else:
            audience, group, readers = "members", None, members
        post_id = await _insert_post(author, site, audience, group, body, when)
        if scene and site in PHOTO_SITES:
            await _add_photo(post_id, scene, pictures, rng)
        await _react(ctx, site, post_id, author, readers, when, lang, notify=author in named)


async def seed(ctx: DemoContext) -> None:
    pictures: dict[str, ProcessedImage] = {}
    for site in ctx.sites:
        lang = site.locale if site.locale in POSTS else "en"
        members = [m for m in ctx.members if m.site == site.code and not m.has_role("operator")]
        if len(members) >= 2:
            async with transaction():  # one commit per edition, not one per row
                await _seed_site(ctx, site.code, lang, members, pictures)
