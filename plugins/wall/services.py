"""Writing posts, comments and likes (no web framework here).

Counters (likes, comments, photos) live on the post row so that a feed page
reads one row per post; they are updated in the same transaction as the
rows they count. Edits keep the previous text in a version table: readers
can see that, and how, a post changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.api import ProcessedImage, delete_media, save_media, transaction
from plugins.wall.tables import Comment, CommentVersion, Like, Photo, Post, PostVersion

__all__ = [
    "NewPost",
    "add_comment",
    "create_post",
    "delete_comment",
    "delete_post",
    "edit_comment",
    "edit_post",
    "liked_by",
    "photos_of",
    "toggle_like",
]

SLUG = "wall"


@dataclass(frozen=True)
class NewPost:
    """A validated post, ready to store."""

    author: int
    site: str
    audience: str
    body: str
    group_id: int | None = None
    group_name: str = ""
    photos: tuple[ProcessedImage, ...] = ()
    alt: str = ""


def _now() -> datetime:
    return datetime.now(UTC)


def _store_files(photos: Sequence[ProcessedImage]) -> list[tuple[str, str, ProcessedImage]]:
    stored: list[tuple[str, str, ProcessedImage]] = []
    try:
        for photo in photos:
            stored.append((save_media(SLUG, photo.data, photo.ext), save_media(SLUG, photo.thumb, photo.ext), photo))
    except OSError:
        _drop_files([n for pair in stored for n in pair[:2]])
        raise
    return stored


def _drop_files(names: Sequence[str]) -> None:
    for name in names:
        delete_media(SLUG, name)


async def create_post(new: NewPost) -> int:
    """Store the post and its photos; files are removed again if the insert fails."""
    stored = _store_files(new.photos)
    try:
        async with transaction():
            rows = await Post.insert(
                Post(
                    author=new.author,
                    site=new.site,
                    audience=new.audience,
                    group_id=new.group_id,
                    group_name=new.group_name[:120],
                    body=new.body,
                    created_at=_now(),
                    photo_count=len(stored),
                )
            ).returning(Post.id)
            post_id = int(rows[0]["id"])
            for position, (name, thumb, photo) in enumerate(stored):
                await Photo.insert(
                    Photo(
                        post=post_id,
                        position=position,
                        name=name,
                        thumb=thumb,
                        width=photo.width,
                        height=photo.height,
                        alt=new.alt[:300],
                    )
                )
    except Exception:
        _drop_files([n for pair in stored for n in pair[:2]])
        raise
    return post_id


async def edit_post(post: dict[str, Any], body: str) -> bool:
    """Replace the text, keeping the previous one; False when nothing changed."""
    if body == post["body"]:
        return False
    async with transaction():
        await PostVersion.insert(
            PostVersion(post=post["id"], body=post["body"], written_at=post["edited_at"] or post["created_at"])
        )
        await Post.update({Post.body: body, Post.edited_at: _now()}).where(Post.id == post["id"])
    return True


async def photos_of(post_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Photos of each post, in their order."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in post_ids}
    if post_ids:
        rows = (
            await Photo.select().where(Photo.post.is_in(list(post_ids))).order_by(Photo.post).order_by(Photo.position)
        )
        for row in rows:
            out[row["post"]].append(row)
    return out


async def delete_post(post_id: int) -> None:
    """Delete the post, its photos' files, comments, likes and history."""
    photos = await Photo.select(Photo.name, Photo.thumb).where(Photo.post == post_id)
    async with transaction():
        await Post.delete().where(Post.id == post_id)
    _drop_files([n for p in photos for n in (p["name"], p["thumb"])])


async def add_comment(post_id: int, author: int, body: str) -> int:
    async with transaction():
        rows = await Comment.insert(Comment(post=post_id, author=author, body=body, created_at=_now())).returning(
            Comment.id
        )
        await Post.update({Post.comment_count: Post.comment_count + 1}).where(Post.id == post_id)
    return int(rows[0]["id"])


async def edit_comment(comment: dict[str, Any], body: str) -> bool:
    if body == comment["body"]:
        return False
    async with transaction():
        await CommentVersion.insert(
            CommentVersion(
                comment=comment["id"], body=comment["body"], written_at=comment["edited_at"] or comment["created_at"]
            )
        )
        await Comment.update({Comment.body: body, Comment.edited_at: _now()}).where(Comment.id == comment["id"])
    return True


async def delete_comment(comment: dict[str, Any]) -> None:
    async with transaction():
        await Comment.delete().where(Comment.id == comment["id"])
        await Post.update({Post.comment_count: Post.comment_count - 1}).where(Post.id == comment["post"])


async def toggle_like(post_id: int, member_id: int) -> bool:
    """Like, or unlike when already liked; returns whether the member now likes it."""
    key = f"{post_id}:{member_id}"
    async with transaction():
        existing = await Like.exists().where(Like.like_key == key)
        if existing:
            await Like.delete().where(Like.like_key == key)
            await Post.update({Post.like_count: Post.like_count - 1}).where(Post.id == post_id)
        else:
            await Like.insert(Like(post=post_id, member=member_id, like_key=key, created_at=_now()))
            await Post.update({Post.like_count: Post.like_count + 1}).where(Post.id == post_id)
    return not existing


async def liked_by(member_id: int, post_ids: Sequence[int]) -> set[int]:
    """Which of these posts the member likes."""
    if not post_ids:
        return set()
    rows = await Like.select(Like.post).where((Like.member == member_id) & Like.post.is_in(list(post_ids)))
    return {r["post"] for r in rows}
