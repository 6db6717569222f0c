"""Studies: reading a partner's study form, eligibility, joining and leaving, extracts, a member's data.

Every query here is scoped by the caller: a partner reaches only their own
studies (anything else is "not found"), a member only their own rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from core.api import N_, FormReader, transaction
from plugins.studies.stats import VARIABLES, K, Table, build_table, differencing_risk
from plugins.studies.tables import Disclosure, Extract, Participation, Study

__all__ = [
    "LANGUAGES",
    "SEX_ANSWERS",
    "ExtractRefused",
    "StudyInput",
    "approved_for",
    "create_extract",
    "disclosures_of",
    "erase_member",
    "export_member",
    "extracts_of",
    "join",
    "leave",
    "matches",
    "read_study",
    "save_study",
]

LANGUAGES = ("fr", "en", "de")
SEX_ANSWERS = ("f", "m", "x", "u")
MIN_AGE, MAX_AGE = 18, 120
_ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")


@dataclass(frozen=True)
class StudyInput:
    """A checked study form."""

    title: str
    sponsor: str
    purposes: dict[str, str]
    site: str
    age_min: int
    age_max: int
    variables: list[str]
    ends_on: date
    conditions: tuple[str, ...] = ()


def read_study(form: FormReader, sites: list[str], *, today: date) -> StudyInput | None:
    """Check the form; None with ``form.errors`` filled (bad dates, empty cohort, unknown variable)."""
    title = form.text("title", required=True, max_length=120)
    sponsor = form.text("sponsor", required=True, max_length=120)
    purposes = {lang: form.text(f"purpose_{lang}", max_length=2000) for lang in LANGUAGES}
    purposes = {lang: text for lang, text in purposes.items() if text}
    if not purposes:
        form.errors["purpose_fr"] = form._(N_("Describe the purpose in at least one language."))
    site = form.choice("site", sites, required=True)
    age_min = form.integer("age_min", required=True, minimum=MIN_AGE, maximum=MAX_AGE)
    age_max = form.integer("age_max", required=True, minimum=MIN_AGE, maximum=MAX_AGE)
    if age_min is not None and age_max is not None and age_max < age_min:
        form.errors["age_max"] = form._(N_("No member can be in this cohort: the oldest age is below the youngest."))
    variables = list(form.raw.getall("variables", [])) if hasattr(form.raw, "getall") else []
    unknown = [v for v in variables if v not in VARIABLES]
    if unknown or not variables:
        form.errors["variables"] = form._(N_("Choose one or more of the listed variables."))
    conditions = tuple(
        sorted({c.strip().upper() for c in form.text("conditions", max_length=300).split(",") if c.strip()})
    )
    if any(not _ICD10.match(code) for code in conditions):
        form.errors["conditions"] = form._(N_("Give ICD-10 codes separated by commas, for example E11, I10."))
    ends_on = form.date("ends_on", required=True, allow_future=True)
    if ends_on is not None and ends_on <= today:
        form.errors["ends_on"] = form._(N_("The end date must be after today."))
    if form.errors or None in (site, age_min, age_max, ends_on):
        return None
    assert site and age_min is not None and age_max is not None and ends_on
    return StudyInput(title, sponsor, purposes, site, age_min, age_max, sorted(set(variables)), ends_on, conditions)


def _version(purposes: dict[str, str]) -> str:
    """The consent text version: changes whenever a purpose text changes."""
    return hashlib.sha256(json.dumps(purposes, sort_keys=True).encode()).hexdigest()[:16]


async def save_study(values: StudyInput, partner_id: int) -> int:
    """Store a new study, pending an operator's review; its id."""
    row = Study(
        partner=partner_id,
        site=values.site,
        title=values.title,
        sponsor=values.sponsor,
        purposes=values.purposes,
        age_min=values.age_min,
        age_max=values.age_max,
        variables=values.variables,
        conditions=list(values.conditions),
        ends_on=values.ends_on,
        status="pending",
        consent_version=_version(values.purposes),
        created_at=datetime.now(UTC),
    )
    await row.save()
    return int(row.id)


def matches(study_codes: list[str], member_codes: list[str]) -> bool:
    """Whether the member's own conditions fall in the study's cohort (a category includes its subcodes)."""
    return not study_codes or any(
        m == s or m.startswith(s + ".") or m[:3] == s for m in member_codes for s in study_codes
    )


async def approved_for(site: str, age: int | None, today: date, codes: list[str] | None = None) -> list[dict[str, Any]]:
    """Approved, running studies of the edition whose age range includes ``age`` and cohort the member's ``codes``."""
    rows = (
        await Study.select()
        .where((Study.site == site) & (Study.status == "approved") & (Study.ends_on >= today))
        .order_by(Study.id)
        .output(load_json=True)
    )
    found = [r for r in rows if age is not None and r["age_min"] <= age <= r["age_max"]]
    return [r for r in found if matches(r.get("conditions") or [], codes or [])]


async def join(study: dict[str, Any], member_id: int, band: str, sex: str) -> None:
    """Take part (idempotent); the consent version is the study's current one."""
    key = f"{study['id']}:{member_id}"
    if await Participation.exists().where(Participation.key == key):
        return
    await Participation(
        key=key,
        study=study["id"],
        member=member_id,
        age_band=band,
        sex=sex,
        consent_version=study["consent_version"],
        joined_at=datetime.now(UTC),
    ).save()


async def leave(study_id: int, member_id: int) -> None:
    """Stop taking part: later extracts no longer count the member."""
    await Participation.delete().where(Participation.key == f"{study_id}:{member_id}")


class ExtractRefused(Exception):
    """An extract that would disclose too much; ``msgid`` and ``params`` say why, for the partner."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid, self.params = msgid, params


async def create_extract(study: dict[str, Any], consenting: set[int], today: date) -> int:
    """Publish the study's aggregates now; refused below :data:`K` members or on a differencing risk.

    Args:
        study: The approved study's row.
        consenting: Participants who still grant ``core.partner_studies`` (the others are left out).
        today: The edition's day (only its month is shown to the partner).
    """
    rows = await Participation.select(Participation.member, Participation.age_band, Participation.sex).where(
        (Participation.study == study["id"]) & Participation.member.is_in(list(consenting) or [0])
    )
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


async def disclosures_of(member_id: int) -> list[dict[str, Any]]:
    """The member's disclosures, newest first (study, sponsor, when)."""
    query = Disclosure.select(Disclosure.study_title, Disclosure.sponsor, Disclosure.created_at)
    return list(await query.where(Disclosure.member == member_id).order_by(Disclosure.id, ascending=False))


async def export_member(member_id: int) -> dict[str, Any]:
    """The member's participations and disclosures."""
    parts = await Participation.select(
        Participation.study.title,
        Participation.study.sponsor,
        Participation.age_band,
        Participation.sex,
        Participation.consent_version,
        Participation.joined_at,
    ).where(Participation.member == member_id)
    told = await Disclosure.select(Disclosure.study_title, Disclosure.sponsor, Disclosure.created_at).where(
        Disclosure.member == member_id
    )
    return {
        "participations": [{k.replace("study.", ""): _plain(v) for k, v in p.items()} for p in parts],
        "disclosures": [{k: _plain(v) for k, v in d.items()} for d in told],
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


async def erase_member(member_id: int) -> None:
    """Forget the member's participations and disclosures (published tables hold no one)."""
    await Participation.delete().where(Participation.member == member_id)
    await Disclosure.delete().where(Disclosure.member == member_id)
