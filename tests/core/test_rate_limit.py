"""core.api.rate_limit: business-flow budgets on core's shared throttle table."""

from __future__ import annotations

from datetime import timedelta

from core import api
from core.tables import LoginAttempt
from core.testing import run_async


def test_budget_allows_up_to_the_limit_then_says_how_long_to_wait(app):
    hour = timedelta(hours=1)
    results = [run_async(app, api.rate_limit("messages.new:1", limit=3, window=hour)) for _ in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert timedelta(minutes=59) < results[3].retry_after <= hour
    # another member's budget is separate, and a refused attempt is not counted
    assert run_async(app, api.rate_limit("messages.new:2", limit=3, window=hour)).allowed
    assert run_async(app, LoginAttempt.count()) == 4
    # keys are hashed: no member id in clear
    keys = run_async(app, LoginAttempt.select(LoginAttempt.key))
    assert all(k["key"].startswith("budget:") and "messages" not in k["key"] for k in keys)


def test_reset_forgets_the_budget(app):
    for _ in range(2):
        run_async(app, api.rate_limit("x:1", limit=2, window=timedelta(hours=1)))
    assert not run_async(app, api.rate_limit("x:1", limit=2, window=timedelta(hours=1))).allowed
    run_async(app, api.reset_rate_limit("x:1"))
    assert run_async(app, api.rate_limit("x:1", limit=2, window=timedelta(hours=1))).allowed
