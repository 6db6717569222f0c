"""CSV export of one tracker's entries, with stable column names.

Columns are ``date, recorded_at``, then the tracker's metric keys and derived
keys in declaration order, then ``confirmed_outlier``: keys never change
meaning, so a member's export of 2025 still reads the same in 2035 (GDPR
portability). Values are in base units (the UCUM unit of each metric).
The export streams in chunks so ten years of entries stay cheap in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from core.api import Tracker
from plugins.healthbox.sdk.records import EntryRecord

__all__ = ["csv_columns", "export_csv", "format_cell", "iter_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_columns(tracker: Tracker) -> tuple[str, ...]:
    """The header row for ``tracker`` (stable across versions)."""
    return ("date", "recorded_at", *tracker.keys, "confirmed_outlier", "source")


def format_cell(value: Any) -> str:
    """Format one stored value for CSV.

    Text that a spreadsheet would run as a formula (leading ``=``, ``+``,
    ``-``, ``@``) gets a leading apostrophe: notes are free text and an
    export may be opened in a spreadsheet (OWASP CSV injection).
    """
    kind = type(value)
    if kind is float or kind is int:
        return repr(value)
    if value is None:
        return ""
    if kind is Decimal:
        return format(value, "f")  # exactly as stored, never an exponent
    if kind is bool:
        return "true" if value else "false"
    if kind is str:
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return format_cell(";".join(str(item) for item in value))
    return format_cell(str(value))


def iter_csv(tracker: Tracker, records: Iterable[EntryRecord], *, chunk_rows: int = 2000) -> Iterator[str]:
    """Yield the CSV text in chunks (header first); records of other trackers are skipped.

    Args:
        tracker: The tracker whose columns to write.
        records: Stored entries, in the order to export (usually by day).
        chunk_rows: Rows per yielded chunk.

    Yields:
        Pieces of CSV text (RFC 4180 quoting, ``\\r\\n`` line ends).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_columns(tracker))
    keys = tracker.keys
    pending = 0
    for record in records:
        if record.tracker != tracker.slug:
            continue
        values = record.values
        writer.writerow(
            (
                record.day.isoformat(),
                record.recorded_at.isoformat(timespec="seconds"),
                *[format_cell(values.get(key)) for key in keys],
                "true" if record.confirmed_outlier else "false",
                record.source,
            )
        )
        pending += 1
        if pending >= chunk_rows:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def export_csv(tracker: Tracker, records: Iterable[EntryRecord]) -> str:
    """The whole CSV export of ``tracker`` as one string."""
    return "".join(iter_csv(tracker, records))
