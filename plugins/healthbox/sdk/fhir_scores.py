"""Questionnaire answers and scores as FHIR: one ``QuestionnaireResponse`` + score ``Observation`` s.

Generic for every plugin's questionnaires: the total score is coded with
``Questionnaire.loinc`` when the instrument has a LOINC code (PSS-10: 106860-0)
and always with a namespaced local code ``<tracker>.<questionnaire>``; derived
scores (FTND → HSI) with ``Derived.loinc`` or ``<tracker>.<questionnaire>.<key>``.
Each Observation is ``derivedFrom`` the response holding the raw answers, and
covers the instrument's recall period (``effectivePeriod``) when it has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from core.api import Derived, Questionnaire, Tracker
from plugins.healthbox.sdk.fhir import FHIR_BASE, LOINC_SYSTEM, UCUM_SYSTEM, PatientRef, category

__all__ = ["QUESTIONNAIRE_BASE", "SCORE_SYSTEM", "iter_score_entries"]

SCORE_SYSTEM = f"{FHIR_BASE}/CodeSystem/healthbox-questionnaire-score"
QUESTIONNAIRE_BASE = f"{FHIR_BASE}/Questionnaire/"


def _code(loinc: str | None, local: str, label: str) -> dict[str, Any]:
    codings = [{"system": LOINC_SYSTEM, "code": loinc}] if loinc else []
    codings.append({"system": SCORE_SYSTEM, "code": local, "display": label})
    return {"coding": codings, "text": label}


def _score_value(value: Any, unit: str | None) -> dict[str, Any]:
    if isinstance(value, int | float) and float(value).is_integer() and not unit:
        return {"valueInteger": int(value)}
    quantity: dict[str, Any] = {"value": value}
    if unit:
        quantity.update({"unit": unit, "system": UCUM_SYSTEM, "code": unit})
    return {"valueQuantity": quantity}


def _when(questionnaire: Questionnaire, day: date) -> dict[str, Any]:
    if questionnaire.recall_period_days:
        start = day - timedelta(days=questionnaire.recall_period_days - 1)
        return {"effectivePeriod": {"start": start.isoformat(), "end": day.isoformat()}}
    return {"effectiveDateTime": day.isoformat()}


def _response(
    url: str, tracker: Tracker, questionnaire: Questionnaire, row: Mapping[str, Any], patient: PatientRef
) -> dict[str, Any]:
    answers = row["answers"]
    items = [
        {"linkId": item.key, "text": item.text, "answer": [{"valueInteger": int(answers[item.key])}]}
        for item in questionnaire.items
        if item.key in answers
    ]
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_BASE}{tracker.slug}.{questionnaire.key}|{row.get('version') or '1'}",
        "status": "completed",
        "subject": {"reference": patient.url},
        "authored": _instant(row["taken_at"]),
        "item": items,
    }
    if row.get("language"):
        resource["language"] = row["language"]
    return {"fullUrl": url, "resource": resource}


def _observation(
    url: str, code: dict[str, Any], value: dict[str, Any], when: dict[str, Any], issued: str, refs: tuple[str, str]
) -> dict[str, Any]:
    patient_url, response_url = refs
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": category("survey"),
        "code": code,
        "subject": {"reference": patient_url},
        **when,
        "issued": issued,
        **value,
        "derivedFrom": [{"reference": response_url}],
    }
    return {"fullUrl": url, "resource": resource}


def _instant(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def _find(trackers: Iterable[Tracker], slug: str, key: str) -> tuple[Tracker, Questionnaire] | None:
    for tracker in trackers:
        if tracker.slug == slug:
            return next(((tracker, q) for q in tracker.questionnaires if q.key == key), None)
    return None


def _derived_scores(questionnaire: Questionnaire, row: Mapping[str, Any]) -> Iterator[tuple[Derived, Any]]:
    derived = row.get("derived") or {}
    for item in questionnaire.derived:
        value = derived.get(item.key)
        if value is None and {i.key for i in questionnaire.items} <= set(row["answers"]):
            value = item.compute(row["answers"])  # older rows: recompute from the raw answers
        if value is not None:
            yield item, value


def iter_score_entries(
    responses: Iterable[Mapping[str, Any]], trackers: Iterable[Tracker], patient: PatientRef, urls: Iterator[str]
) -> Iterator[dict[str, Any]]:
    """Bundle entries for stored questionnaire responses (rows of ``services.responses``)."""
    trackers = list(trackers)
    for row in responses:
        found = _find(trackers, row["tracker"], row["questionnaire"])
        if found is None:
            continue
        tracker, questionnaire = found
        response_url = next(urls)
        yield _response(response_url, tracker, questionnaire, row, patient)
        when, issued, refs = _when(questionnaire, row["day"]), _instant(row["taken_at"]), (patient.url, response_url)
        local = f"{tracker.slug}.{questionnaire.key}"
        total = _code(questionnaire.loinc, local, questionnaire.title)
        yield _observation(next(urls), total, _score_value(row["score"], None), when, issued, refs)
        for item, value in _derived_scores(questionnaire, row):
            code = _code(item.loinc, f"{local}.{item.key}", item.label)
            unit = None if (item.unit or "").startswith("{") else item.unit
            yield _observation(next(urls), code, _score_value(value, unit), when, issued, refs)
