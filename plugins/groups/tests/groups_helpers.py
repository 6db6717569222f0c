"""Helpers for groups tests: start threads and reply through the real forms."""

from __future__ import annotations

from typing import Any

from core.testing import post_form, run_async
from plugins.groups.tables import Reply, Thread


def start(client: Any, group_id: int, title: str = "Sleep and anxiety", body: str = "What helps you?") -> int:
    response = post_form(client, f"/groups/{group_id}/threads", {"title": title, "body": body})
    assert response.status_code == 303, response.text[:500]
    return int(response.headers["location"].rstrip("/").rsplit("/", 1)[1])


def reply(client: Any, thread_id: int, body: str, quote: int | None = None) -> int:
    data = {"body": body} | ({"quote": str(quote)} if quote else {})
    response = post_form(client, f"/groups/threads/{thread_id}/replies", data)
    assert response.status_code == 303, response.text[:500]
    return int(response.headers["location"].rsplit("/", 1)[1])


def opening(app: Any, thread_id: int) -> int:
    row = run_async(app, Reply.select(Reply.id).where((Reply.thread == thread_id) & (Reply.opening == True)).first())  # noqa: E712
    return int(row["id"])


def stored(app: Any) -> tuple[int, int]:
    """(threads, messages) stored."""
    return run_async(app, Thread.count()), run_async(app, Reply.count())
