"""Helpers for the MémoActiv tests: issue a run, back-date it, post a payload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.testing import csrf_token, run_async
from plugins.memoactiv.tables import Run

__all__ = ["backdate", "issued_run", "post_run"]


def issued_run(app: Any, client: Any, url: str) -> dict[str, Any]:
    """Open an exercise page (the server issues its plan) and return the stored run."""
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    token = response.text.split('data-token="', 1)[1].split('"', 1)[0]
    row = run_async(app, Run.select().where(Run.token == token).first().output(load_json=True))
    assert row is not None
    return row


def backdate(app: Any, run: dict[str, Any], minutes: float = 30) -> None:
    """Pretend the plan was issued ``minutes`` ago (a real run takes real time)."""
    then = datetime.now(UTC) - timedelta(minutes=minutes)
    run_async(app, Run.update({Run.issued_at: then}).where(Run.id == run["id"]))


def post_run(client: Any, run: dict[str, Any], payload: dict[str, Any]) -> Any:
    return client.post(f"/memoactiv/runs/{run['token']}", json=payload, headers={"X-CSRFToken": csrf_token(client)})


@pytest.fixture
def member(signed_in):
    return signed_in()
