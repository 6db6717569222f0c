"""Tobacco tracker: FTND + HSI, MTSS, quit progress, pack-years (reference §4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.api import DATE_FIELD, validate_entry
from plugins.healthbox.sdk.questionnaires import score_answers
from plugins.healthbox.trackers.tobacco import (
    FTND,
    MTSS,
    TRACKER,
    ftnd_item4_points,
    hsi_score,
    pack_years,
    quit_progress,
    score_ftnd,
    support_prompt,
)

TODAY = date(2024, 3, 10)


def _ftnd(*points: int) -> dict[str, str]:
    return {f"ftnd_{n}": str(value) for n, value in enumerate(points, start=1)}


@pytest.mark.parametrize(
    ("points", "total", "band", "hsi", "hsi_band"),
    [
        ((0, 0, 0, 0, 0, 0), 0, "Very low", 0, "Low"),
        ((1, 0, 1, 0, 0, 0), 2, "Very low", 1, "Low"),
        ((1, 0, 1, 1, 0, 0), 3, "Low", 2, "Moderate"),
        ((2, 1, 0, 1, 1, 0), 5, "Medium", 3, "Moderate"),
        ((2, 1, 1, 1, 1, 0), 6, "High", 3, "Moderate"),
        ((3, 1, 0, 2, 1, 0), 7, "High", 5, "High"),
        ((3, 1, 1, 2, 1, 0), 8, "Very high", 5, "High"),
        ((3, 1, 1, 3, 1, 1), 10, "Very high", 6, "High"),
    ],
)
def test_ftnd_totals_heatherton_bands_and_hsi(
    points: tuple[int, ...], total: int, band: str, hsi: int, hsi_band: str
) -> None:
    result = score_answers(FTND, _ftnd(*points))
    assert result.ok
    assert result.score == total
    assert result.band is not None and result.band.label == band
    assert result.derived == {"hsi": hsi}
    assert result.derived_bands["hsi"].label == hsi_band


def test_ftnd_items_use_the_published_points() -> None:
    first = FTND.items[0]
    assert {choice.label: choice.value for choice in first.choices} == {
        "Within 5 minutes": 3,
        "6–30 minutes": 2,
        "31–60 minutes": 1,
        "After 60 minutes": 0,
    }
    assert score_ftnd({f"ftnd_{n}": 0 for n in range(1, 7)}) == 0
    assert hsi_score({"ftnd_1": 2}) is None
    assert "ftnd_4" in score_answers(FTND, {k: v for k, v in _ftnd(1, 1, 1, 1, 1, 1).items() if k != "ftnd_4"}).errors


@pytest.mark.parametrize(("cigs", "points"), [(0, 0), (10, 0), (11, 1), (20, 1), (21, 2), (30, 2), (31, 3), (60, 3)])
def test_item4_prefill_from_daily_mean(cigs: float, points: int) -> None:
    assert ftnd_item4_points(cigs) == points


def test_mtss_score_is_the_chosen_level() -> None:
    result = score_answers(MTSS, {"mtss_1": "6"})
    assert result.score == 6 and result.band is None
    assert len(MTSS.items[0].choices) == 7
    assert not score_answers(MTSS, {"mtss_1": "8"}).ok


def test_pack_years() -> None:
    assert pack_years([(10, 10), (30, 5)]) == 12.5
    assert pack_years([(20, 1)]) == 1.0
    with pytest.raises(ValueError, match="age"):
        pack_years([(20, 30)], age=35)
    with pytest.raises(ValueError, match="300"):
        pack_years([(200, 40)])
    with pytest.raises(ValueError, match="negative"):
        pack_years([(-1, 3)])


def test_quit_progress() -> None:
    progress = quit_progress(date(2024, 1, 1), date(2024, 1, 31), baseline_per_day=15, pack_price="12.50")
    assert progress is not None
    assert progress.days == 30 and progress.cigarettes_avoided == 450
    assert progress.money_saved == Decimal("281.25")
    slips = quit_progress(
        date(2024, 1, 1), date(2024, 1, 31), baseline_per_day=15, pack_price=12.5, smoked_since_quit=50
    )
    assert slips is not None and slips.cigarettes_avoided == 400 and slips.money_saved == Decimal("250.00")
    assert quit_progress(date(2024, 4, 1), TODAY, baseline_per_day=15, pack_price=12) is None


def test_daily_log_limits() -> None:
    base = {DATE_FIELD: "2024-03-10"}
    assert validate_entry(TRACKER, {**base, "cigs_today": "0"}, today=TODAY).values == {"cigs_today": 0}
    assert "cigs_today" in validate_entry(TRACKER, {**base, "cigs_today": "201"}, today=TODAY).errors
    assert "cigs_today" in validate_entry(TRACKER, {**base, "cigs_today": "-1"}, today=TODAY).errors
    heavy = validate_entry(TRACKER, {**base, "cigs_today": "61"}, today=TODAY)
    assert set(heavy.needs_confirmation) == {"cigs_today"}
    other = validate_entry(TRACKER, {**base, "cigs_today": "3", "ecig_ml": "2,5", "ryo_g": "4"}, today=TODAY)
    assert other.values == {"cigs_today": 3, "ecig_ml": 2.5, "ryo_g": 4.0}  # never added to cigarettes


def test_support_prompt() -> None:
    assert support_prompt(6, smoking_logged=False) is not None
    assert support_prompt(2, smoking_logged=False) is None
    assert support_prompt(None, smoking_logged=True) is not None
