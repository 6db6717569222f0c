"""Storage of Health Box data (no Litestar, no pluggy).

Values are stored in base units as JSON, one row per member, tracker and
day; saving the same day again replaces the entry (one transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from piccolo.query.functions.aggregate import Count, Max

from core.api import Tracker, TrackerEntry, prepared, transaction
from plugins.healthbox.sdk.records import EntryRecord
from plugins.healthbox.tables import Entry, QuestionnaireResponse, Setting

__all__ = [
    "delete_entry",
    "entries_stamp",
    "erase_member",
    "get_settings",
    "has_entry",
    "known_trackers",
    "last_response",
    "load_records",
    "on_entries_written",
    "remember_trackers",
    "save_entry",
    "save_recorded_entry",
    "save_response",
    "set_setting",
]


_TRACKERS: dict[str, Tracker] = {}


def remember_trackers(trackers: Iterable[Tracker]) -> None:
    """Called at start-up with every declared tracker (for exports)."""
    _TRACKERS.update({t.slug: t for t in trackers})


def known_trackers() -> list[Tracker]:
    from plugins.healthbox.trackers import BUILTIN_TRACKERS

    return list({**{t.slug: t for t in BUILTIN_TRACKERS}, **_TRACKERS}.values())


def _enc_hook(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


_ENCODER = msgspec.json.Encoder(enc_hook=_enc_hook, decimal_format="number")
_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def dumps(value: Any) -> str:
    """JSON with decimals written as exact numbers (72.5 stays 72.5, 177.8 stays 177.8)."""
    return _ENCODER.encode(value).decode()


def loads(text: str | bytes | Any) -> Any:
    """Parse stored JSON: numbers with a fraction come back as exact ``Decimal`` values."""
    return _DECODER.decode(text) if isinstance(text, str | bytes) else text


_write_listeners: list[Callable[[int], None]] = []


def on_entries_written(listener: Callable[[int], None]) -> None:
    """Call ``listener(member_id)`` after this worker changes a member's entries (caches drop theirs)."""
    _write_listeners.append(listener)


def _written(member_id: int) -> None:
    for listener in _write_listeners:
        listener(member_id)


#: Checked on every dashboard visit (built once).
_STAMP = prepared(
    lambda p: (
        Entry.select(Count(alias="n"), Max(Entry.recorded_at, alias="last"))
        .where((Entry.member == p.member_id) & (Entry.day >= p.since))
        .first()
    )
)


async def entries_stamp(member_id: int, *, since: date) -> tuple[int, Any]:
    """(how many entries since ``since``, when the last was recorded): changes when an entry is added,
    replaced or deleted (a saved entry gets a new ``recorded_at``), in any worker."""
    row = await _STAMP.first(member_id=member_id, since=since)
    return (int(row["n"]), row["last"]) if row else (0, None)


def _key(member_id: int, tracker: str, day: date) -> str:
    return f"{member_id}:{tracker}:{day.isoformat()}"


async def save_entry(member_id: int, record: EntryRecord, *, source: str = "form") -> None:
    """Insert or replace the member's entry for that tracker and day (``source``: who computed it)."""
    key = _key(member_id, record.tracker, record.day)
    row: dict[Any, Any] = {
        Entry.values: dumps(dict(record.values)),
        Entry.recorded_at: record.recorded_at,
        Entry.tz: str(record.tz or "UTC"),
        Entry.confirmed_outlier: record.confirmed_outlier,
        Entry.source: source,
    }
    async with transaction(Entry._meta.db):
        if await Entry.exists().where(Entry.entry_key == key):
            await Entry.update(row).where(Entry.entry_key == key)
        else:
            await Entry.insert(
                Entry(
                    member=member_id,
                    tracker=record.tracker,
                    day=record.day,
                    entry_key=key,
                    values=dumps(dict(record.values)),
                    recorded_at=record.recorded_at,
                    tz=str(record.tz or "UTC"),
                    confirmed_outlier=record.confirmed_outlier,
                    source=source,
                )
            )
    _written(member_id)


async def save_recorded_entry(entry: TrackerEntry) -> None:
    """Store an entry another plugin computed (``record_entry``), with its source and time zone."""
    try:
        tz: tzinfo = ZoneInfo(entry.tz)
    except Exception:  # noqa: BLE001 - an unknown zone falls back to UTC
        tz = UTC
    record = EntryRecord(entry.tracker, entry.day, dict(entry.values), entry.recorded_at, False, tz, entry.source)
    await save_entry(entry.member_id, record, source=entry.source)


async def delete_entry(member_id: int, tracker: str, day: date) -> bool:
    """Delete one of the member's entries; False when there was none."""
    key = _key(member_id, tracker, day)
    if not await Entry.exists().where(Entry.entry_key == key):
        return False
    await Entry.delete().where(Entry.entry_key == key)
    _written(member_id)
    return True


def _record(row: dict[str, Any]) -> EntryRecord:
    values = loads(row["values"])
    tz_name = row["tz"]
    try:
        tz = ZoneInfo(tz_name) if tz_name and tz_name != "UTC" else UTC
    except Exception:  # noqa: BLE001 - an unknown zone falls back to UTC
        tz = UTC
    return EntryRecord(
        tracker=row["tracker"],
        day=row["day"],
        values=values,
        recorded_at=row["recorded_at"],
        confirmed_outlier=bool(row["confirmed_outlier"]),
        tz=tz,
        source=row.get("source") or "form",
    )


async def has_entry(member_id: int, tracker: str, day: date) -> bool:
    """Whether the member already saved an entry for that tracker and day."""
    return bool(await Entry.exists().where(Entry.entry_key == _key(member_id, tracker, day)))


async def load_records(
    member_id: int, trackers: Iterable[str] | None = None, *, since: date | None = None, until: date | None = None
) -> list[EntryRecord]:
    """The member's entries, oldest first, optionally for some trackers/days."""
    query = Entry.select(
        Entry.tracker, Entry.day, Entry.values, Entry.recorded_at, Entry.tz, Entry.confirmed_outlier, Entry.source
    ).where(Entry.member == member_id)
    names = list(trackers) if trackers is not None else None
    if names is not None:
        query = query.where(Entry.tracker.is_in(names or [""]))
    if since is not None:
        query = query.where(Entry.day >= since)
    if until is not None:
        query = query.where(Entry.day <= until)
    rows = await query.order_by(Entry.day)
    return [_record(row) for row in rows]


async def save_response(
    member_id: int,
    tracker: Tracker,
    questionnaire: str,
    version: str,
    answers: dict[str, int],
    score: float,
    band: str | None,
    day: date,
    *,
    derived: dict[str, Any] | None = None,
    language: str = "",
) -> None:
    """Store raw answers, the score, derived scores (e.g. HSI and its range) and the language answered."""
    await QuestionnaireResponse.insert(
        QuestionnaireResponse(
            member=member_id,
            tracker=tracker.slug,
            questionnaire=questionnaire,
            version=version,
            answers=dumps(answers),
            score=score,
            band=band,
            day=day,
            taken_at=datetime.now(UTC),
            derived=dumps(derived or {}),
            language=language,
        )
    )


async def responses(member_id: int, tracker: str | None = None) -> list[dict[str, Any]]:
    query = QuestionnaireResponse.select(
        QuestionnaireResponse.tracker,
        QuestionnaireResponse.questionnaire,
        QuestionnaireResponse.version,
        QuestionnaireResponse.answers,
        QuestionnaireResponse.score,
        QuestionnaireResponse.band,
        QuestionnaireResponse.day,
        QuestionnaireResponse.taken_at,
        QuestionnaireResponse.derived,
        QuestionnaireResponse.language,
    ).where(QuestionnaireResponse.member == member_id)
    if tracker:
        query = query.where(QuestionnaireResponse.tracker == tracker)
    rows = await query.order_by(QuestionnaireResponse.taken_at)
    for row in rows:
        row["answers"] = loads(row["answers"])
        row["derived"] = loads(row["derived"]) or {}
    return rows


async def last_response(member_id: int, tracker: str, questionnaire: str) -> dict[str, Any] | None:
    rows = [r for r in await responses(member_id, tracker) if r["questionnaire"] == questionnaire]
    return rows[-1] if rows else None


#: Read on every dashboard visit (built once).
_SETTINGS = prepared(lambda p: Setting.select(Setting.name, Setting.value).where(Setting.member == p.member_id))


async def get_settings(member_id: int) -> dict[str, Any]:
    rows = await _SETTINGS.rows(member_id=member_id)
    return {r["name"]: _unwrap(loads(r["value"])) for r in rows}


def _unwrap(value: Any) -> Any:
    """Settings are stored as ``{"v": value}``; older rows hold the bare value."""
    return value["v"] if isinstance(value, dict) and set(value) == {"v"} else value


async def set_setting(member_id: int, name: str, value: Any) -> None:
    """Store one setting, wrapped in an object: SQLite would turn a bare "177.80" into the float 177.8."""
    key = f"{member_id}:{name}"
    async with transaction(Setting._meta.db):
        if await Setting.exists().where(Setting.setting_key == key):
            await Setting.update({Setting.value: dumps({"v": value})}).where(Setting.setting_key == key)
        else:
            await Setting.insert(Setting(member=member_id, setting_key=key, name=name, value=dumps({"v": value})))


async def erase_member(member_id: int) -> None:
    """Delete every Health Box row of the member."""
    await Entry.delete().where(Entry.member == member_id)
    await QuestionnaireResponse.delete().where(QuestionnaireResponse.member == member_id)
    await Setting.delete().where(Setting.member == member_id)
    _written(member_id)
