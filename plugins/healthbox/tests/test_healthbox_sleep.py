"""Sleep diary: diary-date rule, derived values, cross-field checks (reference §3a)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from core.api import DATE_FIELD, validate_entry
from plugins.healthbox.trackers.sleep import TRACKER, weekly_sleep_summary

TODAY = date(2024, 3, 10)
NIGHT = {
    DATE_FIELD: "2024-03-10",
    "t_bed": "22:30",
    "t_try": "23:00",
    "sol_min": "20",
    "n_awak": "2",
    "waso_min": "30",
    "t_final": "06:30",
    "t_out": "07:00",
    "quality": "4",
}


def _messages(result_errors: dict) -> dict[str, str]:
    return {key: str(message) for key, message in result_errors.items()}


def test_worked_example() -> None:
    result = validate_entry(TRACKER, NIGHT, today=TODAY)
    assert result.ok, result.errors
    assert result.values["t_bed"] == datetime(2024, 3, 9, 22, 30)  # evening → day before the diary date
    assert result.values["t_final"] == datetime(2024, 3, 10, 6, 30)
    assert result.derived["tib_min"] == 510
    assert result.derived["tst_min"] == 400  # 450 min from trying to final waking − 20 − 30
    assert result.derived["se_pct"] == Decimal("78.4")  # 100 × 400 / 510 = 78.43…
    assert result.derived["midpoint"] == datetime(2024, 3, 10, 2, 55)  # between 23:20 and 06:30


def test_noon_splits_the_diary_date() -> None:
    noon = validate_entry(TRACKER, {**NIGHT, "t_bed": "12:00", "t_try": "12:00"}, today=TODAY)
    assert noon.values["t_bed"] == datetime(2024, 3, 9, 12, 0)
    morning = validate_entry(TRACKER, {**NIGHT, "t_final": "11:59", "t_out": "11:59"}, today=TODAY)
    assert morning.values["t_out"] == datetime(2024, 3, 10, 11, 59)


def test_trying_to_sleep_before_bed_is_refused() -> None:
    result = validate_entry(TRACKER, {**NIGHT, "t_bed": "23:00", "t_try": "22:30"}, today=TODAY)
    assert set(result.errors) == {"t_try"} and result.values == {}


def test_final_awakening_before_trying_is_refused() -> None:
    result = validate_entry(TRACKER, {**NIGHT, "t_final": "22:50"}, today=TODAY)
    assert "t_final" in result.errors


def test_out_of_bed_before_final_awakening_is_refused() -> None:
    result = validate_entry(TRACKER, {**NIGHT, "t_out": "06:00"}, today=TODAY)
    assert "t_out" in result.errors


def test_thirty_hours_in_bed_is_refused() -> None:
    night = {
        **NIGHT,
        "t_bed": "2024-03-08 20:00",
        "t_try": "2024-03-08 20:30",
        "t_final": "2024-03-10 01:00",
        "t_out": "2024-03-10 02:00",
    }
    result = validate_entry(TRACKER, night, today=TODAY)
    assert _messages(result.errors) == {"t_out": "Time in bed must be more than 0 and at most 24 hours."}


def test_awake_time_longer_than_the_night_is_refused() -> None:
    result = validate_entry(TRACKER, {**NIGHT, "sol_min": "300", "waso_min": "200"}, today=TODAY)
    assert "waso_min" in result.errors


def test_unusual_values_need_confirmation() -> None:
    nap = {"t_bed": "05:30", "t_try": "05:30", "sol_min": "10", "waso_min": "10", "t_final": "06:30"}
    short = validate_entry(TRACKER, {**NIGHT, **nap}, today=TODAY)
    assert not short.errors and set(short.needs_confirmation) == {"t_out"}  # 1.5 h in bed
    long_sol = validate_entry(TRACKER, {**NIGHT, "t_try": "22:30", "sol_min": "200"}, today=TODAY)
    assert set(long_sol.needs_confirmation) == {"sol_min"}
    assert "sol_min" in validate_entry(TRACKER, {**NIGHT, "sol_min": "800"}, today=TODAY).errors
    assert "n_awak" in validate_entry(TRACKER, {**NIGHT, "n_awak": "51"}, today=TODAY).errors


def test_quality_scale_and_future_times() -> None:
    assert "quality" in validate_entry(TRACKER, {**NIGHT, "quality": "6"}, today=TODAY).errors
    future = validate_entry(TRACKER, {**NIGHT, DATE_FIELD: "2024-03-11"}, today=TODAY)
    assert DATE_FIELD in future.errors


def test_weekly_summary() -> None:
    nights = {}
    for offset, sol in enumerate((20, 45, 10, 40, 15, 35, 5)):
        day = date(2024, 3, 4 + offset)
        raw = {**NIGHT, DATE_FIELD: day.isoformat(), "sol_min": str(sol)}
        result = validate_entry(TRACKER, raw, today=TODAY)
        nights[day] = {**result.values, **result.derived}
    summary = weekly_sleep_summary(nights, end=date(2024, 3, 10))
    assert summary.nights == 7
    assert summary.nights_sol_or_waso_over_30 == 3
    assert summary.mean_tst_min == pytest.approx(450 - 30 - (20 + 45 + 10 + 40 + 15 + 35 + 5) / 7, abs=0.05)
    assert summary.midpoint_sd_min is not None and summary.midpoint_sd_min > 0
