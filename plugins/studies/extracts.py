"""Publishing a study's aggregates: who is counted, the tables, and each member's record of it.

Only participants whose consent ledger says, at extract time, that they
grant both ``core.partner_studies`` and the study's own purpose are
counted. Health Box (or any plugin's) numbers come through
``core.api.study_values``, which applies the same rule again before the
owning plugin is asked; this module never reads another plugin's tables.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from core.api import N_, members_consenting, study_values, study_variables, transaction
from plugins.studies.stats import K, Table, build_table, worst_difference
from plugins.studies.summaries import summarise
from plugins.studies.tables import Disclosure, Extract, Participation

__all__ = ["ExtractRefused", "create_extract", "extracts_of", "purpose_of"]


def purpose_of(study_id: int) -> str:
    """The study's own consent purpose in core's ledger."""
    return f"studies.study.{int(study_id)}"


class ExtractRefused(Exception):
    """An extract that would disclose too much; ``msgid`` and ``params`` say why, for the partner."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid, self.params = msgid, params


async def create_extract(study: dict[str, Any], today: date) -> int:
    """Publish the study's aggregates now; refused below :data:`K` members or on a differencing risk.

    Args:
        study: The approved study's row.
        today: The edition's day (only its month is shown to the partner).
    """
    purpose = purpose_of(study["id"])
    rows = await Participation.select(Participation.member, Participation.age_band, Participation.sex).where(
        Participation.study == study["id"]
    )
    consenting = await members_consenting([r["member"] for r in rows], "core.partner_studies", purpose)
    rows = [r for r in rows if int(r["member"]) in consenting]
    members = {int(r["member"]) for r in rows}
    if len(members) < K:
        raise ExtractRefused(N_("Fewer than %(k)s members take part: nothing can be published yet."), k=K)
    history = await _history(study["id"])
    risk = worst_difference((before for before, _ in history), members)
    if risk:
        raise ExtractRefused(
            N_(
                "Only %(n)s members joined or left compared with an earlier extract: wait until at least %(k)s changed."
            ),
            n=risk,
            k=K,
        )
    table = build_table(((r["age_band"], r["sex"]) for r in rows), study["variables"])
    table.summaries, valued = await _summaries(study, rows, members, purpose, today, history)
    now = datetime.now(UTC)
    async with transaction(Extract._meta.db):
        extract = Extract(
            study=study["id"], month=today.strftime("%Y-%m"), cohort=len(members), table=table.as_json(), created_at=now
        )
        await extract.save()
        await Disclosure.insert(
            *[
                Disclosure(
                    member=m,
                    extract=extract.id,
                    study_title=study["title"],
                    sponsor=study["sponsor"],
                    variables=sorted(key for key, who in valued.items() if m in who),
                    created_at=now,
                )
                for m in sorted(members)
            ]
        )
    return int(extract.id)


History = list[tuple[set[int], dict[str, set[int]]]]


async def _history(study_id: int) -> History:
    """Every earlier extract of the study: who was counted, and whose value each variable included."""
    rows = (
        await Disclosure.select(Disclosure.extract, Disclosure.member, Disclosure.variables)
        .where(Disclosure.extract.study == study_id)
        .output(load_json=True)
    )
    found: dict[int, tuple[set[int], dict[str, set[int]]]] = {}
    for row in rows:
        members, valued = found.setdefault(int(row["extract"]), (set(), {}))
        members.add(int(row["member"]))
        for key in row["variables"] or []:
            valued.setdefault(key, set()).add(int(row["member"]))
    return list(found.values())


async def _summaries(
    study: dict[str, Any], rows: list[dict[str, Any]], members: set[int], purpose: str, today: date, history: History
) -> tuple[list[dict[str, Any]], dict[str, set[int]]]:
    """One summary per requested variable another plugin answers (a disabled one is left out, not faked).

    A variable whose members with a value differ by 1-10 people from an
    earlier extract that published it is withheld from this extract: the
    two sums would otherwise give away those people's values. Also returns,
    per published variable, whose value it included (for their disclosures).
    """
    available = await study_variables(study["site"])
    people = [(int(r["member"]), r["age_band"], r["sex"]) for r in rows]
    found: list[dict[str, Any]] = []
    valued: dict[str, set[int]] = {}
    for key in study["variables"]:
        if key not in available:
            continue
        values = await study_values(study["site"], key, members, purpose, today)
        have = set(values)
        if worst_difference((before[key] for _, before in history if key in before), have):
            variable = available[key]
            found.append({"key": key, "label": variable.label, "unit": variable.unit, "withheld": True})
            continue
        found.append(summarise(available[key], people, values, study["variables"]))
        valued[key] = have
    return found, valued


async def extracts_of(study_id: int) -> list[dict[str, Any]]:
    """The study's extracts, newest first, each with its :class:`Table`."""
    rows = (
        await Extract.select(Extract.id, Extract.month, Extract.table)
        .where(Extract.study == study_id)
        .order_by(Extract.id, ascending=False)
    )
    return [{**r, "table": Table.from_json(_loads(r["table"]))} for r in rows]


def _loads(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value)
