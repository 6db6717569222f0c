"""Entries a plugin computed itself (a game score, a device reading), not typed in a form.

``record_entry`` checks them against the tracker's declaration with the same
rules as a form (types, hard limits, cross-field checks, derived values), then
hands them to the plugin that stores tracker entries (the Health Box) through
the ``store_tracker_entry`` hook, so they appear on the dashboard, in charts,
CSV and FHIR exports, and are erased with the member's other health data.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from core.context import active_runtime
from core.kernel import has_consent
from core.tracker_validation import DATE_FIELD, NumberFormat, validate_entry
from core.trackers import Message, Tracker

__all__ = ["EntryRejected", "TrackerEntry", "entry_from_values", "record_entry"]

HEALTH_PURPOSE = "core.health_data"


@dataclass(frozen=True, slots=True)
class TrackerEntry:
    """A validated entry ready to store: metric values plus derived values, in base units."""

    member_id: int
    tracker: str
    day: date
    values: Mapping[str, Any]
    recorded_at: datetime
    source: str
    tz: str = "UTC"
    soft_warnings: tuple[str, ...] = ()


class EntryRejected(ValueError):
    """The values do not fit the tracker's declaration; ``errors`` maps keys to messages."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = dict(errors)


def _as_text(value: Any) -> str:
    """One Python value written the way the form parser reads it (exact for numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(item) for item in value)
    return str(value)


def entry_from_values(tracker: Tracker, day: date, values: Mapping[str, Any], *, today: date) -> dict[str, Any]:
    """Validate plugin-computed values; return metric and derived values to store.

    Soft limits do not block (the plugin is the measuring instrument; "are you
    sure?" is for typing mistakes): they are reported by :func:`record_entry`.

    Raises:
        EntryRejected: Unknown keys, wrong types, hard limits, failed checks.
    """
    unknown = sorted(set(values) - {metric.key for metric in tracker.metrics})
    if unknown:
        raise EntryRejected({key: Message.of("Not a value of this tracker.") for key in unknown})
    raw = {DATE_FIELD: day.isoformat(), **{key: _as_text(value) for key, value in values.items()}}
    result = validate_entry(tracker, raw, today=today, confirm_outliers=True, fmt=NumberFormat("en"))
    if result.errors:
        raise EntryRejected(result.errors)
    return {**result.values, **result.derived, "_soft": result.confirmed_outliers}


async def record_entry(
    member_id: int,
    tracker_slug: str,
    day: date,
    values: Mapping[str, Any],
    *,
    source: str,
    tz: str = "UTC",
) -> TrackerEntry:
    """Validate and store an entry a plugin computed, e.g. a MémoActiv check-in score.

    Args:
        member_id: The member the values belong to (must grant the health-data consent).
        tracker_slug: A tracker declared through ``register_tracker_types``.
        day: The day the values describe (not in the future in ``tz``).
        values: Metric key → value in the metric's base unit (``Decimal``, int, str, datetime…).
        source: Slug of the plugin that computed the values (stored with the entry).
        tz: The member's time zone (IANA name), for "today" and exported date-times.

    Returns:
        The stored entry (derived values included; ``soft_warnings`` lists values outside soft limits).

    Raises:
        KeyError: No tracker is declared under ``tracker_slug``.
        PermissionError: The member has not granted the health-data consent.
        EntryRejected: The values do not fit the declaration.
        LookupError: No installed plugin stores tracker entries.
    """
    rt = active_runtime()
    if tracker_slug not in rt.trackers:
        raise KeyError(f"no tracker {tracker_slug!r} is declared")
    if not await has_consent(member_id, HEALTH_PURPOSE):
        raise PermissionError("the member has not granted the health-data consent")
    tracker = rt.trackers[tracker_slug][1]
    stored = entry_from_values(tracker, day, values, today=datetime.now(ZoneInfo(tz)).date())
    soft = tuple(stored.pop("_soft"))
    entry = TrackerEntry(member_id, tracker_slug, day, stored, datetime.now(UTC), source, tz, soft)
    for impl in rt.registry.pm.hook.store_tracker_entry.get_hookimpls():
        answer = impl.function(entry=entry)
        if inspect.isawaitable(answer):
            answer = await answer
        if answer:
            return entry
    raise LookupError("no installed plugin stores tracker entries (is the Health Box installed?)")
