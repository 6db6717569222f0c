"""FHIR R4 export: a collection ``Bundle`` with a ``Patient`` and its ``Observation`` resources.

The Patient carries the member's pseudonym only (never an e-mail or a birth
date); every Observation points at it. One Observation per stored value, coded
with LOINC where the declaration names a code and always with a namespaced
local code (``TRACKER_SYSTEM``, ``<tracker>.<key>``) so an import can map values
back. Quantities use UCUM and keep the stored decimals exactly. A tracker
declaring ``loinc_panel`` also gets one panel Observation per entry whose
``hasMember`` lists that entry's observations. Questionnaires of any plugin
export generically (:mod:`plugins.healthbox.sdk.fhir_scores`).
Static parts are serialised once per key, so ten years stream in about a second.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from typing import Any

from core.api import Metric, Tracker
from plugins.healthbox.sdk.records import EntryRecord

__all__ = [
    "CATEGORY_SYSTEM",
    "FHIR_BASE",
    "LOCAL_SYSTEM",
    "LOINC_SYSTEM",
    "PSEUDONYM_SYSTEM",
    "TRACKER_SYSTEM",
    "UCUM_SYSTEM",
    "PatientRef",
    "build_bundle",
    "iter_bundle_json",
    "iter_entries",
    "patient_entry",
    "url_maker",
]

LOINC_SYSTEM = "http://loinc.org"
UCUM_SYSTEM = "http://unitsofmeasure.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
FHIR_BASE = "https://fhir.entraide.example"
"""Namespace of Entraide's own code systems (the project's, not a member's or an operator's)."""
TRACKER_SYSTEM = f"{FHIR_BASE}/CodeSystem/healthbox-tracker-value"
LOCAL_SYSTEM = TRACKER_SYSTEM
PSEUDONYM_SYSTEM = f"{FHIR_BASE}/NamingSystem/member-pseudonym"
_CATEGORY_DISPLAY = {
    "vital-signs": "Vital Signs",
    "survey": "Survey",
    "activity": "Activity",
    "social-history": "Social History",
}
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True, slots=True)
class PatientRef:
    """The member as a FHIR Patient: a fresh ``urn:uuid`` per export and the pseudonym."""

    url: str
    pseudonym: str


def patient_entry(patient: PatientRef) -> dict[str, Any]:
    """The Bundle entry of the Patient every Observation references (pseudonym only)."""
    resource = {
        "resourceType": "Patient",
        "identifier": [{"system": PSEUDONYM_SYSTEM, "value": patient.pseudonym}],
        "name": [{"text": patient.pseudonym}],
    }
    return {"fullUrl": patient.url, "resource": resource}


def url_maker() -> Iterator[str]:
    """Unique ``urn:uuid`` full URLs: one random UUID per export, then counted.

    Drawing a fresh UUID per observation would dominate export time.
    """
    base = uuid.uuid4().hex
    prefix = f"urn:uuid:{base[:8]}-{base[8:12]}-4{base[13:16]}-{'89ab'[int(base[16], 16) & 3]}{base[17:20]}-"
    start = int(base[20:], 16)
    count = 0
    while True:
        yield f"{prefix}{(start + count) & 0xFFFFFFFFFFFF:012x}"
        count += 1


def category(code: str) -> list[dict[str, Any]]:
    """An Observation category list for an observation-category code."""
    return [{"coding": [{"system": CATEGORY_SYSTEM, "code": code, "display": _CATEGORY_DISPLAY[code]}]}]


def number(value: Decimal | int | float) -> str:
    """A JSON number written exactly (``Decimal`` without exponent; validated values are finite)."""
    return format(value, "f") if isinstance(value, Decimal) else repr(value)


@dataclass(frozen=True, slots=True)
class _Template:
    """Everything about one key that does not change between observations."""

    category: list[dict[str, Any]]
    code: dict[str, Any]
    unit: str | None
    unit_text: str
    static_json: str
    quantity_tail: str
    quantity: dict[str, str | None]


def _template(tracker: Tracker, key: str) -> _Template:
    item = tracker.lookup(key)
    categories = category(item.category or tracker.category)
    codings: list[dict[str, str]] = [{"system": LOINC_SYSTEM, "code": item.loinc}] if item.loinc else []
    codings.append({"system": TRACKER_SYSTEM, "code": f"{tracker.slug}.{key}", "display": item.label})
    unit_text = (item.unit_text if isinstance(item, Metric) else "") or (item.unit or "")
    code = {"coding": codings, "text": item.label}
    quantity = {"unit": unit_text, "system": UCUM_SYSTEM, "code": item.unit}
    static = f'"category":{_DUMPS(categories)},"code":{_DUMPS(code)},'
    return _Template(categories, code, item.unit, unit_text, static, _DUMPS(quantity)[1:], quantity)


def _value(value: Any, tz: tzinfo | None) -> tuple[str, Any]:
    """FHIR value[x] for a non-quantity value."""
    if isinstance(value, bool):
        return "valueBoolean", value
    if isinstance(value, int):
        return "valueInteger", value
    if isinstance(value, float | Decimal):
        return "valueQuantity", {"value": value}
    if isinstance(value, datetime):
        moment = value if value.tzinfo or tz is None else value.replace(tzinfo=tz)
        # FHIR dateTime with a time needs an offset: without a known zone, keep it readable as text.
        return ("valueDateTime", moment.isoformat()) if moment.tzinfo else ("valueString", moment.isoformat())
    if isinstance(value, time):
        return "valueTime", value.strftime("%H:%M:%S")
    if isinstance(value, date):
        return "valueDateTime", value.isoformat()
    if isinstance(value, tuple | list):
        return "valueString", "; ".join(str(item) for item in value)
    return "valueString", str(value)


def _instant(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def _is_number(value: Any) -> bool:
    kind = type(value)
    return kind is int or kind is float or kind is Decimal


def _entry_json(
    url: str, record: EntryRecord, effective: str, issued: str, t: _Template, value: Any, subject: str
) -> str:
    if t.unit and _is_number(value):
        value_json = f'"valueQuantity":{{"value":{number(value)},{t.quantity_tail}'
    else:
        value_key, fhir_value = _value(value, record.tz)
        if value_key == "valueQuantity":
            value_json = f'"valueQuantity":{{"value":{number(value)}}}'
        else:
            value_json = f'"{value_key}":{_DUMPS(fhir_value)}'
    return (
        f'{{"fullUrl":"{url}","resource":{{"resourceType":"Observation","status":"final",{t.static_json}{subject}'
        f'"effectiveDateTime":"{effective}","issued":"{issued}",{value_json}}}}}'
    )


def _panel_json(url: str, tracker: Tracker, effective: str, issued: str, members: list[str], subject: str) -> str:
    code = {"coding": [{"system": LOINC_SYSTEM, "code": tracker.loinc_panel}], "text": tracker.name}
    has_member = _DUMPS([{"reference": member} for member in members])
    return (
        f'{{"fullUrl":"{url}","resource":{{"resourceType":"Observation","status":"final",'
        f'"category":{_DUMPS(category(tracker.category))},"code":{_DUMPS(code)},{subject}'
        f'"effectiveDateTime":"{effective}","issued":"{issued}","hasMember":{has_member}}}}}'
    )


def _record_chunks(
    records: Iterable[EntryRecord], trackers: Iterable[Tracker], subject: str, urls: Iterator[str]
) -> Iterator[str]:
    """One JSON entry per stored value, then the record's panel Observation when declared."""
    known = {tracker.slug: tracker for tracker in trackers}
    templates: dict[str, dict[str, _Template]] = {}
    for record in records:
        tracker = known.get(record.tracker)
        if tracker is None:
            continue
        per_key = templates.get(tracker.slug)
        if per_key is None:
            per_key = templates[tracker.slug] = {key: _template(tracker, key) for key in tracker.keys}
        effective, issued = record.day.isoformat(), _instant(record.recorded_at)
        members = []
        for key, value in record.values.items():
            template = per_key.get(key)
            if template is not None and value is not None:
                url = next(urls)
                members.append(url)
                yield _entry_json(url, record, effective, issued, template, value, subject)
        if tracker.loinc_panel and members:
            yield _panel_json(next(urls), tracker, effective, issued, members, subject)


def iter_bundle_json(
    records: Iterable[EntryRecord],
    trackers: Iterable[Tracker],
    *,
    patient: PatientRef | None = None,
    extra_entries: Iterable[Mapping[str, Any]] = (),
    timestamp: datetime | None = None,
    batch: int = 2000,
) -> Iterator[str]:
    """Stream the Bundle as JSON text, ``batch`` entries per chunk (the export path).

    Args:
        records: Stored entries of any of ``trackers`` (others are skipped).
        trackers: Declarations giving codes, units and categories.
        patient: The member's Patient (a pseudonymous one is made when omitted).
        extra_entries: Ready Bundle entries (questionnaire responses and scores).
        timestamp: Bundle timestamp (now by default).
        batch: Entries per yielded chunk (bounded memory).
    """
    urls = url_maker()
    patient = patient or PatientRef(next(urls), "member")
    subject = f'"subject":{{"reference":"{patient.url}"}},'
    stamp = _instant(timestamp or datetime.now(UTC))
    yield f'{{"resourceType":"Bundle","type":"collection","timestamp":"{stamp}","entry":['
    yield _DUMPS(patient_entry(patient))
    pending: list[str] = []
    for chunk in _record_chunks(records, trackers, subject, urls):
        pending.append(chunk)
        if len(pending) >= batch:
            yield "," + ",".join(pending)
            pending = []
    pending.extend(_DUMPS(dict(entry)) for entry in extra_entries)
    if pending:
        yield "," + ",".join(pending)
    yield "]}"


def build_bundle(
    records: Iterable[EntryRecord],
    trackers: Iterable[Tracker],
    *,
    patient: PatientRef | None = None,
    extra_entries: Iterable[Mapping[str, Any]] = (),
    timestamp: datetime | None = None,
) -> dict[str, Any]:
    """The whole export as a JSON-ready dict (decimals as floats; for small exports and tests)."""
    text = "".join(
        iter_bundle_json(records, trackers, patient=patient, extra_entries=extra_entries, timestamp=timestamp)
    )
    return json.loads(text)  # type: ignore[no-any-return]


def iter_entries(records: Iterable[EntryRecord], trackers: Iterable[Tracker]) -> Iterator[dict[str, Any]]:
    """The Bundle entries after the Patient (for callers that want plain dicts)."""
    yield from build_bundle(records, trackers)["entry"][1:]
