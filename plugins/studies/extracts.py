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
from plugins.studies.stats import K, Table, build_table, differencing_risk
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
    previous = (
        await Extract.select(Extract.id)
        .where(Extract.study == study["id"])
        .order_by(Extract.id, ascending=False)
        .first()
    )
    before = None
    if previous:
        before = {
            int(r["member"])
            for r in await Disclosure.select(Disclosure.member).where(Disclosure.extract == previous["id"])
        }
    risk = differencing_risk(before, members)
    if risk:
        raise ExtractRefused(
            N_("Only %(n)s members joined or left since the last extract: wait until at least %(k)s changed."),
            n=risk,
            k=K,
        )
    table = build_table(((r["age_band"], r["sex"]) for r in rows), study["variables"])
    table.summaries = await _summaries(study, rows, members, purpose, today)
    now = datetime.now(UTC)
    async with transaction(Extract._meta.db):
        extract = Extract(
            study=study["id"], month=today.strftime("%Y-%m"), cohort=len(members), table=table.as_json(), created_at=now
        )
        await extract.save()
        await Disclosure.insert(
            *[
                Disclosure(
                    member=m, extract=extract.id, study_title=study["title"], sponsor=study["sponsor"], created_at=now
                )
                for m in sorted(members)
            ]
        )
    return int(extract.id)


async def _summaries(
    study: dict[str, Any], rows: list[dict[str, Any]], members: set[int], purpose: str, today: date
) -> list[dict[str, Any]]:
    """One summary per requested variable another plugin answers (a disabled one is left out, not faked)."""
    available = await study_variables(study["site"])
    people = [(int(r["member"]), r["age_band"], r["sex"]) for r in rows]
    found = []
    for key in study["variables"]:
        if key in available:
            values = await study_values(study["site"], key, members, purpose, today)
            found.append(summarise(available[key], people, values, study["variables"]))
    return found


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
