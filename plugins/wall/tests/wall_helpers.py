"""Helpers for wall tests: publishing through the real form, counting what is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.testing import post_form, run_async
from plugins.wall.tables import Comment, Photo, Post


def publish(
    client: Any, body: str, audience: str = "members", photos: list[tuple[str, bytes]] | None = None, **extra: Any
) -> int:
    """Post through the form like a browser; returns the new post's id."""
    files = [("photos", (name, data, "application/octet-stream")) for name, data in (photos or [])]
    response = post_form(client, "/wall/posts", {"body": body, "audience": audience, **extra}, files=files or None)
    assert response.status_code == 303, response.text[:500]
    return int(response.headers["location"].rsplit("#post-", 1)[1])


def comment(client: Any, post_id: int, body: str) -> int:
    response = post_form(client, f"/wall/posts/{post_id}/comments", {"body": body})
    assert response.status_code == 303, response.text[:500]
    return int(response.headers["location"].rsplit("#comment-", 1)[1])


def counts(app: Any) -> tuple[int, int, int]:
    """(posts, comments, photos) stored."""
    return (
        run_async(app, Post.count()),
        run_async(app, Comment.count()),
        run_async(app, Photo.count()),
    )


def media_files(app: Any) -> list[Path]:
    folder = Path(app.state.entraide.settings.data_dir) / "media" / "wall"
    return sorted(folder.glob("*")) if folder.exists() else []
