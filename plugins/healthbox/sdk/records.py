"""Storage-agnostic entry records, the common input of charts and exports.

Exports and charts take these plain values rather than table rows, so they can
be tested without a database and reused by any storage layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from core.api import EntryResult

__all__ = ["EntryRecord", "exact_series_of", "series_of"]


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """One stored tracker entry.

    Attributes:
        tracker: Tracker slug.
        day: The day the entry describes (the diary date for sleep).
        values: Metric values merged with derived values, in base units.
        recorded_at: When it was saved (aware, UTC preferred).
        confirmed_outlier: The user confirmed an unusual value.
        tz: The entry's time zone, used to export naive local datetimes.
        source: "form" when the member typed it, else the slug of the plugin that computed it.
    """

    tracker: str
    day: date
    values: Mapping[str, Any]
    recorded_at: datetime
    confirmed_outlier: bool = False
    tz: tzinfo | None = None
    source: str = "form"

    @classmethod
    def from_result(
        cls, tracker: str, result: EntryResult, recorded_at: datetime, tz: tzinfo | None = None
    ) -> EntryRecord:
        """Build the record to store from a successful validation.

        Raises:
            ValueError: The result is not storable (errors or unconfirmed outliers).
        """
        if not result.ok or result.day is None:
            raise ValueError("Only a valid entry result can become a record.")
        values = {**result.values, **result.derived}
        return cls(tracker, result.day, values, recorded_at, result.confirmed_outlier, tz)


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def series_of(records: Iterable[EntryRecord], key: str) -> list[tuple[date, float]]:
    """Extract the (day, value) points of one numeric key as floats, sorted by day (for charts).

    Booleans and non-numeric values are skipped: charts plot numbers only.
    """
    points = [(record.day, float(v)) for record in records if _number(v := record.values.get(key)) and v is not None]
    points.sort(key=lambda point: point[0])
    return points


def exact_series_of(records: Iterable[EntryRecord], key: str) -> list[tuple[date, Decimal]]:
    """The same points as exact ``Decimal`` values, for thresholds and checks (never floats)."""
    points = [
        (record.day, value if isinstance(value, Decimal) else Decimal(str(value)))
        for record in records
        if _number(value := record.values.get(key))
    ]
    points.sort(key=lambda point: point[0])
    return points
