"""Context for saving and showing entries: profile height, units used, help lines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from litestar import Request

from core.api import DATE_FIELD, NumberFormat, Tracker
from plugins.healthbox import services
from plugins.healthbox.questionnaire_routes import tobacco_help
from plugins.healthbox.sdk.records import EntryRecord, exact_series_of
from plugins.healthbox.trackers import tobacco as tobacco_tracker
from plugins.healthbox.trackers import weight as weight_tracker
from plugins.healthbox.units import UNITS_SETTING, plain_number

__all__ = ["remember_units", "tobacco_page_help", "weight_context"]


async def tobacco_page_help(
    request: Request[Any, Any, Any], member_id: int, records: list[EntryRecord], day: date
) -> str | None:
    """§9: smoking logged in the last 7 days, or a last Fagerström score of 5 or more → the quit line."""
    smoked = any(v > 0 for d, v in exact_series_of(records, "cigs_today") if 0 <= (day - d).days < 7)
    last = await services.last_response(member_id, "tobacco", "ftnd")
    ftnd = int(last["score"]) if last else None
    return tobacco_help(request, tobacco_tracker.support_prompt(ftnd, smoking_logged=smoked))


async def weight_context(member_id: int, raw: dict[str, str], units: dict[str, str], fmt: NumberFormat) -> list[Any]:
    """Profile height fills the entry; recent weights feed the change check."""
    settings = await services.get_settings(member_id)
    height = settings.get("height_cm")
    if not raw.get("height") and height:
        raw["height"] = plain_number(height, fmt.locale)
        units.pop("height", None)
    try:
        day = date.fromisoformat(raw.get(DATE_FIELD, ""))
    except ValueError:
        return []
    recent = await services.load_records(
        member_id, ["weight"], since=day - timedelta(days=8), until=day - timedelta(days=1)
    )
    return [weight_tracker.change_check(exact_series_of(recent, "weight"), day=day, previous_height=height)]


async def remember_units(member_id: int, tracker: Tracker, units: dict[str, str], fmt: NumberFormat) -> None:
    """Keep the units the member typed in, so the next form and the settings use them."""
    if not fmt.imperial:
        return
    chosen = {m.key: units[m.key] for m in tracker.metrics if m.display_units and m.key in units}
    if chosen:
        known = (await services.get_settings(member_id)).get(UNITS_SETTING) or {}
        if any(known.get(key) != unit for key, unit in chosen.items()):
            await services.set_setting(member_id, UNITS_SETTING, {**known, **chosen})
