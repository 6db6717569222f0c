"""Health Box numbers for partner studies: one summary number per consenting member, never a record.

Core hands over only participants whose consent ledger grants partner
studies and the study's own purpose; this module also requires the Health
Box's own purpose (``core.health_data``): a member who withdrew it is not
summarised. What leaves is a single number per member (a latest value or a
mean over a window); the studies plugin turns them into suppressed
aggregates. No date, record or text leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from core.api import N_, StudyVariable, members_consenting
from plugins.healthbox.services import loads
from plugins.healthbox.tables import Entry, QuestionnaireResponse

__all__ = ["VARIABLES", "values_for"]


@dataclass(frozen=True)
class _Source:
    """Where a variable comes from: an entry value or a questionnaire score, reduced per member."""

    variable: StudyVariable
    tracker: str
    field: str  # the entry value key, or the questionnaire key
    days: int  # window ending today
    reduce: Callable[[list[tuple[date, float]], int], float | None]
    questionnaire: bool = False


def _latest(points: list[tuple[date, float]], days: int) -> float | None:
    return sorted(points, key=lambda point: point[0])[-1][1] if points else None  # stable: last of the day


def _mean(points: list[tuple[date, float]], days: int) -> float | None:
    return sum(v for _, v in points) / len(points) if points else None


def _per_week(points: list[tuple[date, float]], days: int) -> float | None:
    """Weekly total over the window; unlogged days count as zero, as the WHO weekly target does."""
    return sum(v for _, v in points) * 7 / days if points else None


_SOURCES = (
    _Source(
        StudyVariable("healthbox.weight.latest", N_("Weight (latest, last 12 months)"), "kg", (60, 80, 100)),
        "weight",
        "weight",
        365,
        _latest,
    ),
    _Source(
        StudyVariable("healthbox.bmi.latest", N_("BMI (latest, last 12 months)"), "kg/m2", (18.5, 25, 30)),
        "weight",
        "bmi",
        365,
        _latest,
    ),
    _Source(
        StudyVariable("healthbox.sleep.mean30", N_("Total sleep time (mean, last 30 days)"), "min", (360, 420, 480)),
        "sleep",
        "tst_min",
        30,
        _mean,
    ),
    _Source(
        StudyVariable(
            "healthbox.activity.week28", N_("Moderate-equivalent minutes a week (last 4 weeks)"), "min", (150, 300)
        ),
        "activity",
        "mod_equiv_min",
        28,
        _per_week,
    ),
    _Source(
        StudyVariable("healthbox.pss10.latest", N_("PSS-10 stress score (latest, last 12 months)"), "", (14, 27)),
        "feeling",
        "pss10",
        365,
        _latest,
        questionnaire=True,
    ),
    _Source(
        StudyVariable("healthbox.ftnd.latest", N_("FTND nicotine dependence (latest, last 12 months)"), "", (3, 5, 8)),
        "tobacco",
        "ftnd",
        365,
        _latest,
        questionnaire=True,
    ),
)
VARIABLES: dict[str, StudyVariable] = {s.variable.key: s.variable for s in _SOURCES}
_BY_KEY = {s.variable.key: s for s in _SOURCES}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value)


async def values_for(variable: str, member_ids: Iterable[int], purpose: str, today: date) -> dict[int, float] | None:
    """``{member: number}`` for one of :data:`VARIABLES` (None for another key).

    Only members who grant partner studies, this study and the Health Box's
    own purpose (``core.health_data``) are read.
    """
    source = _BY_KEY.get(variable)
    if source is None:
        return None
    ids = await members_consenting(member_ids, "core.partner_studies", purpose, "core.health_data")
    if not ids:
        return {}
    since = today - timedelta(days=source.days - 1)
    points: dict[int, list[tuple[date, float]]] = {}
    if source.questionnaire:
        q = QuestionnaireResponse
        rows = (
            await q.select(q.member, q.day, q.score)
            .where(
                q.member.is_in(sorted(ids)) & (q.questionnaire == source.field) & (q.day >= since) & (q.day <= today)
            )
            .order_by(q.taken_at)
        )
        for row in rows:
            points.setdefault(int(row["member"]), []).append((row["day"], float(row["score"])))
    else:
        rows = await Entry.select(Entry.member, Entry.day, Entry.values).where(
            Entry.member.is_in(sorted(ids))
            & (Entry.tracker == source.tracker)
            & (Entry.day >= since)
            & (Entry.day <= today)
        )
        for row in rows:
            value = _number(loads(row["values"]).get(source.field))
            if value is not None:
                points.setdefault(int(row["member"]), []).append((row["day"], value))
    found = {m: source.reduce(p, source.days) for m, p in points.items()}
    return {m: v for m, v in found.items() if v is not None}
