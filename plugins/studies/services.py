"""Studies: reading a partner's study form, eligibility, joining and leaving, extracts, a member's data.

Every query here is scoped by the caller: a partner reaches only their own
studies (anything else is "not found"), a member only their own rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from core.api import N_, FormReader
from plugins.studies.stats import VARIABLES
from plugins.studies.tables import Disclosure, Participation, Study

__all__ = [
    "LANGUAGES",
    "SEX_ANSWERS",
    "StudyInput",
    "approved_for",
    "disclosures_of",
    "erase_member",
    "export_member",
    "is_participant",
    "join",
    "leave",
    "matches",
    "purpose_text",
    "read_study",
    "save_study",
    "study_consents",
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


def read_study(form: FormReader, sites: list[str], *, today: date, health: Iterable[str] = ()) -> StudyInput | None:
    """Check the form; None with ``form.errors`` filled (bad dates, empty cohort, unknown variable).

    ``health`` lists the study variables plugins enabled on the chosen
    edition can summarise (``core.api.study_variables``).
    """
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
    known = {*VARIABLES, *health}
    unknown = sorted({v for v in variables if v not in known})
    if unknown:
        message = form._(N_("Unknown variable: %(names)s. Choose among the listed variables."))
        form.errors["variables"] = message % {"names": ", ".join(v[:40] for v in unknown[:3])}
    elif not variables:
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


def purpose_text(study: dict[str, Any], language: str) -> str:
    """The purpose text a member reads before joining: their language, else French, English, German."""
    texts = study["purposes"]
    return str(texts.get(language) or next((texts[lang] for lang in LANGUAGES if texts.get(lang)), ""))


async def is_participant(study_id: int, member_id: int) -> bool:
    return bool(await Participation.exists().where(Participation.key == f"{study_id}:{member_id}"))


async def join(study: dict[str, Any], member_id: int, band: str, sex: str, consent_version: str) -> None:
    """Take part (idempotent); ``consent_version`` is the ledger's version of the text the member agreed to."""
    key = f"{study['id']}:{member_id}"
    if await Participation.exists().where(Participation.key == key):
        return
    await Participation(
        key=key,
        study=study["id"],
        member=member_id,
        age_band=band,
        sex=sex,
        consent_version=consent_version,
        joined_at=datetime.now(UTC),
    ).save()


async def leave(study_id: int, member_id: int) -> bool:
    """Stop taking part: later extracts no longer count the member; whether they took part."""
    key = f"{study_id}:{member_id}"
    was = await Participation.exists().where(Participation.key == key)
    await Participation.delete().where(Participation.key == key)
    return bool(was)


async def disclosures_of(member_id: int) -> list[dict[str, Any]]:
    """The member's disclosures, newest first (study, sponsor, when, and which variables the extract summarised)."""
    query = Disclosure.select(
        Disclosure.study_title,
        Disclosure.sponsor,
        Disclosure.created_at,
        Disclosure.variables,
        Disclosure.extract.table,
    ).output(load_json=True)
    rows = await query.where(Disclosure.member == member_id).order_by(Disclosure.id, ascending=False)
    for row in rows:
        table = row.pop("extract.table") or {}
        table = json.loads(table) if isinstance(table, str) else table
        labels = {s["key"]: s["label"] for s in table.get("summaries") or []}
        row["variables"] = [labels[key] for key in row["variables"] or [] if key in labels]
    return list(rows)


async def study_consents(member_id: int, state: Any) -> list[dict[str, Any]]:
    """The member's study consents as the ledger records them (``state``: their consent state), newest first.

    A row per study the member ever agreed to: granted or withdrawn, since
    when, the text version, and whether they still take part.
    """
    prefix = "studies.study."
    ids = {int(p[len(prefix) :]) for p in [*state.granted, *state.withdrawn] if p.startswith(prefix)}
    if not ids:
        return []
    studies = {
        r["id"]: r for r in await Study.select(Study.id, Study.title, Study.sponsor).where(Study.id.is_in(sorted(ids)))
    }
    rows = []
    for study_id in sorted(ids, reverse=True):
        name = f"{prefix}{study_id}"
        granted = name in state.granted
        study = studies.get(study_id, {"title": "", "sponsor": ""})
        rows.append(
            {
                "id": study_id,
                "title": study["title"],
                "sponsor": study["sponsor"],
                "granted": granted,
                "since": state.granted.get(name) or state.withdrawn.get(name),
                "version": state.versions.get(name, ""),
                "joined": granted and await is_participant(study_id, member_id),
            }
        )
    return rows


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
    told = (
        await Disclosure.select(Disclosure.study_title, Disclosure.sponsor, Disclosure.variables, Disclosure.created_at)
        .where(Disclosure.member == member_id)
        .output(load_json=True)
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
