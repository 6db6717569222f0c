"""Export and erase a member's wall data.

The export holds the member's posts (with their earlier versions), photos
(the files themselves, in the zip), comments, likes and the reports they
filed. Erasure deletes their posts — with the comments, likes and reports
others left on them — their photo files, their comments, likes and reports,
and recounts the posts they had liked or commented.
"""

from __future__ import annotations

from typing import Any

from core.api import ExportFile, delete_media, media_path, reset_rate_limit
from plugins.wall.tables import Comment, CommentVersion, Like, Photo, Post, PostVersion, Report

__all__ = ["erase", "export"]


def _file(name: str) -> ExportFile | None:
    try:
        return ExportFile(f"wall/photos/{name}", media_path("wall", name))
    except ValueError:
        return None


async def export(member_id: int) -> dict[str, Any]:
    posts = await Post.select().where(Post.author == member_id).order_by(Post.id)
    post_ids = [p["id"] for p in posts]
    versions = (
        await PostVersion.select().where(PostVersion.post.is_in(post_ids)).order_by(PostVersion.id) if post_ids else []
    )
    photos = await Photo.select().where(Photo.post.is_in(post_ids)).order_by(Photo.id) if post_ids else []
    comments = await Comment.select().where(Comment.author == member_id).order_by(Comment.id)
    comment_ids = [c["id"] for c in comments]
    comment_versions = (
        await CommentVersion.select().where(CommentVersion.comment.is_in(comment_ids)).order_by(CommentVersion.id)
        if comment_ids
        else []
    )
    likes = await Like.select(Like.post, Like.created_at).where(Like.member == member_id).order_by(Like.id)
    reports = await Report.select().where(Report.reporter == member_id).order_by(Report.id)
    return {
        "posts": [
            {
                "id": p["id"],
                "created_at": p["created_at"],
                "edited_at": p["edited_at"],
                "audience": p["audience"],
                "group_id": p["group_id"],
                "group_name": p["group_name"],
                "text": p["body"],
                "hidden_by_moderation": p["hidden"],
                "likes": p["like_count"],
                "comments": p["comment_count"],
            }
            for p in posts
        ],
        "post_versions": [{"post_id": v["post"], "text": v["body"], "written_at": v["written_at"]} for v in versions],
        "photos": [
            {"post_id": f["post"], "position": f["position"], "description": f["alt"], "file": _file(f["name"])}
            for f in photos
        ],
        "comments": [
            {
                "id": c["id"],
                "post_id": c["post"],
                "text": c["body"],
                "created_at": c["created_at"],
                "edited_at": c["edited_at"],
            }
            for c in comments
        ],
        "comment_versions": [
            {"comment_id": v["comment"], "text": v["body"], "written_at": v["written_at"]} for v in comment_versions
        ],
        "likes": [{"post_id": like["post"], "created_at": like["created_at"]} for like in likes],
        "reports_filed": [
            {
                "about": "post" if r["post"] is not None else "comment",
                "item_id": r["post"] if r["post"] is not None else r["comment"],
                "reason": r["reason"],
                "note": r["note"],
                "status": r["status"],
                "created_at": r["created_at"],
            }
            for r in reports
        ],
    }


async def _recount(post_ids: set[int]) -> None:
    for post_id in sorted(post_ids):
        likes = await Like.count().where(Like.post == post_id)
        comments = await Comment.count().where(Comment.post == post_id)
        await Post.update({Post.like_count: likes, Post.comment_count: comments}).where(Post.id == post_id)


async def erase(member_id: int) -> None:
    """Runs inside core's erasure transaction (no transaction of its own)."""
    files = await Photo.select(Photo.name, Photo.thumb).where(Photo.post.author == member_id)
    touched = {r["post"] for r in await Like.select(Like.post).where(Like.member == member_id)}
    touched |= {r["post"] for r in await Comment.select(Comment.post).where(Comment.author == member_id)}
    await Report.delete().where(Report.reporter == member_id)
    await Like.delete().where(Like.member == member_id)
    await Comment.delete().where(Comment.author == member_id)
    await Post.delete().where(Post.author == member_id)
    remaining = (
        {r["id"] for r in await Post.select(Post.id).where(Post.id.is_in(sorted(touched)))} if touched else set()
    )
    await _recount(remaining)
    await reset_rate_limit(f"wall.post:{member_id}")
    for row in files:
        delete_media("wall", row["name"])
        delete_media("wall", row["thumb"])
