"""CSV and FHIR R4 exports: structure, codes, units, speed."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from core.api import DATE_FIELD, validate_entry
from plugins.healthbox.sdk.csv_export import csv_columns, export_csv, iter_csv
from plugins.healthbox.sdk.fhir import (
    LOCAL_SYSTEM,
    LOINC_SYSTEM,
    UCUM_SYSTEM,
    PatientRef,
    build_bundle,
    iter_bundle_json,
)
from plugins.healthbox.sdk.records import EntryRecord
from plugins.healthbox.trackers import BUILTIN_TRACKERS, activity, feeling, sleep, weight

STAMP = datetime(2024, 3, 10, 7, 30, tzinfo=UTC)
DAY = date(2024, 3, 10)


def _record(tracker: str, values: dict[str, Any], **extra: Any) -> EntryRecord:
    return EntryRecord(tracker, DAY, values, STAMP, **extra)


def _resources(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry["resource"] for entry in bundle["entry"]]


def test_csv_header_is_stable() -> None:
    assert csv_columns(weight.TRACKER) == (
        "date",
        "recorded_at",
        "weight",
        "height",
        "waist",
        "bmi",
        "confirmed_outlier",
        "source",  # appended: "form", or the plugin that computed the entry
    )
    text = export_csv(weight.TRACKER, [_record("weight", {"weight": 72.5, "bmi": 23.7}, confirmed_outlier=True)])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["date", "recorded_at", "weight", "height", "waist", "bmi", "confirmed_outlier", "source"]
    assert rows[1] == ["2024-03-10", "2024-03-10T07:30:00+00:00", "72.5", "", "", "23.7", "true", "form"]


def test_csv_quotes_text_and_neutralises_formulas() -> None:
    values = {"feel_physical": 5, "tags": ("work", "family"), "note": '=HYPERLINK("x"), then "ok"\nline 2'}
    text = export_csv(feeling.TRACKER, [_record("feeling", values), _record("weight", {"weight": 1.0})])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1  # other trackers' records are skipped
    assert rows[0]["note"] == '\'=HYPERLINK("x"), then "ok"\nline 2'
    assert rows[0]["tags"] == "work;family" and rows[0]["feel_physical"] == "5" and rows[0]["stress"] == ""


def test_csv_streams_in_chunks() -> None:
    records = [_record("activity", {"steps": n}) for n in range(5)]
    chunks = list(iter_csv(activity.TRACKER, records, chunk_rows=2))
    assert len(chunks) == 3
    assert "".join(chunks).count("\r\n") == 6


def test_fhir_bundle_structure_codes_and_units() -> None:
    records = [
        _record("weight", {"weight": 72.5, "height": 175.0, "bmi": 23.7}),
        _record("feeling", {"feel_physical": 6, "tags": ("work",)}),
        _record("activity", {"steps": 8000, "strength": True}),
    ]
    patient = PatientRef("urn:uuid:6f1c7e34-8a70-4a5c-9b3e-2d1f0a9b8c7d", "Alice")
    bundle = build_bundle(records, BUILTIN_TRACKERS, patient=patient, timestamp=STAMP)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert bundle["timestamp"] == "2024-03-10T07:30:00+00:00"
    assert bundle["entry"][0]["resource"]["resourceType"] == "Patient"
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(set(urls)) == len(urls) == 8
    assert all(url.startswith("urn:uuid:") and len(url) == 45 for url in urls)
    by_code = {r["code"]["coding"][-1]["code"]: r for r in _resources(bundle)[1:]}
    weight_obs = by_code["weight.weight"]
    assert weight_obs["resourceType"] == "Observation" and weight_obs["status"] == "final"
    assert weight_obs["category"][0]["coding"][0]["code"] == "vital-signs"
    assert weight_obs["code"]["coding"][0] == {"system": LOINC_SYSTEM, "code": "29463-7"}
    assert weight_obs["valueQuantity"] == {"value": 72.5, "unit": "kg", "system": UCUM_SYSTEM, "code": "kg"}
    assert weight_obs["effectiveDateTime"] == "2024-03-10" and weight_obs["subject"] == {"reference": patient.url}
    assert by_code["weight.bmi"]["valueQuantity"]["code"] == "kg/m2"
    feel = by_code["feeling.feel_physical"]
    assert feel["code"]["coding"] == [
        {"system": LOCAL_SYSTEM, "code": "feeling.feel_physical", "display": "Physically"}
    ]
    assert feel["category"][0]["coding"][0]["code"] == "survey"
    assert feel["valueQuantity"]["code"] == "{score}"
    assert by_code["feeling.tags"]["valueString"] == "work"
    steps = by_code["activity.steps"]
    assert steps["category"][0]["coding"][0]["code"] == "activity"
    assert steps["code"]["coding"][0]["code"] == "41950-7" and steps["valueQuantity"]["code"] == "/d"
    assert by_code["activity.strength"]["valueBoolean"] is True


def test_fhir_datetimes_need_a_time_zone() -> None:
    night = {"t_bed": datetime(2024, 3, 9, 22, 30), "midpoint": datetime(2024, 3, 10, 2, 55), "tst_min": 400}
    paris = timezone(timedelta(hours=1))
    with_zone = _resources(build_bundle([_record("sleep", night, tz=paris)], [sleep.TRACKER]))[1:]
    assert with_zone[0]["valueDateTime"] == "2024-03-09T22:30:00+01:00"
    without = _resources(build_bundle([_record("sleep", night)], [sleep.TRACKER]))[1:]
    assert without[0]["valueString"] == "2024-03-09T22:30:00"
    assert without[2]["valueQuantity"]["unit"] == "min"


def test_streamed_json_is_the_same_bundle() -> None:
    records = [
        _record("weight", {"weight": 72.5, "bmi": 23.7}),
        _record("feeling", {"note": 'He said "hi" \\ ok', "feel_mean": 5.3}),
        _record("sleep", {"quality": 4, "t_out": datetime(2024, 3, 10, 7, 0), "fatigue": 2}),
        _record("unknown", {"x": 1}),
    ]
    patient = PatientRef("urn:uuid:6f1c7e34-8a70-4a5c-9b3e-2d1f0a9b8c7d", "Alice")
    text = "".join(iter_bundle_json(records, BUILTIN_TRACKERS, patient=patient, timestamp=STAMP, batch=2))
    streamed = json.loads(text)
    built = build_bundle(records, BUILTIN_TRACKERS, patient=patient, timestamp=STAMP)
    assert streamed["timestamp"] == built["timestamp"]
    assert _resources(streamed) == _resources(built)
    assert len(streamed["entry"]) == 8  # the Patient and 7 observations


def test_record_from_validation_result() -> None:
    good = validate_entry(weight.TRACKER, {DATE_FIELD: "2024-03-10", "weight": "70", "height": "175"}, today=DAY)
    record = EntryRecord.from_result("weight", good, STAMP)
    assert (
        record.values == {"weight": Decimal("70"), "height": Decimal("175"), "bmi": Decimal("22.9")}
        and record.day == DAY
    )
    bad = validate_entry(weight.TRACKER, {DATE_FIELD: "2024-03-10", "weight": "0"}, today=DAY)
    with pytest.raises(ValueError, match="valid entry"):
        EntryRecord.from_result("weight", bad, STAMP)


def _ten_years() -> list[EntryRecord]:
    values: dict[str, dict[str, Any]] = {
        "weight": {"weight": 70.4, "height": 175.0, "bmi": 23.0},
        "feeling": {"feel_physical": 6, "feel_psych": 7, "feel_social": 5, "stress": 3, "feel_mean": 6.0},
        "sleep": {
            "t_bed": datetime(2024, 1, 1, 22, 30),
            "t_try": datetime(2024, 1, 1, 23, 0),
            "sol_min": 20,
            "n_awak": 2,
            "waso_min": 30,
            "t_final": datetime(2024, 1, 2, 6, 30),
            "t_out": datetime(2024, 1, 2, 7, 0),
            "quality": 4,
            "tib_min": 510,
            "tst_min": 400,
            "se_pct": 78.4,
        },
        "tobacco": {"cigs_today": 12, "craving": 4},
        "food": {"fruit_veg": 4.5, "dairy": 2.0, "red_meat_g": 100, "sugary_drinks": 1.0, "log_complete": True},
        "activity": {"moderate_min": 20, "vigorous_min": 10, "steps": 7400, "strength": False, "mod_equiv_min": 40},
    }
    start = date(2014, 1, 1)
    days = [start + timedelta(days=n) for n in range(3653)]
    stamps = [datetime.combine(day, time(20), tzinfo=UTC) for day in days]
    return [
        EntryRecord(slug, day, values[slug], stamp) for slug in values for day, stamp in zip(days, stamps, strict=True)
    ]


def test_ten_years_of_six_daily_trackers_export_completely() -> None:
    """Ten years of six daily trackers all reach the files (speed: bench/healthbox_export.py)."""
    records = _ten_years()
    assert len(records) == 21918
    csv_lines = sum(export_csv(tracker, records).count("\n") for tracker in BUILTIN_TRACKERS)
    fhir = "".join(iter_bundle_json(records, BUILTIN_TRACKERS))
    assert csv_lines >= len(records)  # one row per entry, plus headers
    assert fhir.count('"resourceType": "Observation"') + fhir.count('"resourceType":"Observation"') >= len(records)
