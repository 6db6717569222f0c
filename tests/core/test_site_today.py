"""An edition's "today" is its local date, and it turns at its local midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core import sites
from core.sites import load_sites


def _at(monkeypatch: pytest.MonkeyPatch, utc: datetime) -> None:
    monkeypatch.setattr(sites.time, "time", lambda: utc.timestamp())


@pytest.fixture
def editions():
    sites._TODAY.clear()
    yield load_sites(None, "fr")
    sites._TODAY.clear()


def test_the_date_turns_at_each_editions_own_midnight(monkeypatch, editions):
    fr, qc = editions.by_code["fr"], editions.by_code["qc"]
    _at(monkeypatch, datetime(2026, 12, 1, 22, 59, 59, tzinfo=UTC))  # 23:59:59 in Paris, 17:59:59 in Montréal
    assert (fr.today(), qc.today()) == (date(2026, 12, 1), date(2026, 12, 1))
    _at(monkeypatch, datetime(2026, 12, 1, 23, 0, 0, tzinfo=UTC))  # midnight in Paris
    assert (fr.today(), qc.today()) == (date(2026, 12, 2), date(2026, 12, 1))
    _at(monkeypatch, datetime(2026, 12, 2, 5, 0, 0, tzinfo=UTC))  # midnight in Montréal
    assert (fr.today(), qc.today()) == (date(2026, 12, 2), date(2026, 12, 2))


def test_a_day_with_a_clock_change_still_ends_at_midnight(monkeypatch, editions):
    fr = editions.by_code["fr"]
    _at(monkeypatch, datetime(2026, 3, 29, 21, 59, 59, tzinfo=UTC))  # 23:59:59 CEST, the day clocks went forward
    assert fr.today() == date(2026, 3, 29)
    _at(monkeypatch, datetime(2026, 3, 29, 22, 0, 0, tzinfo=UTC))
    assert fr.today() == date(2026, 3, 30)
