"""Studies tables: studies, members' participations, extracts and what each disclosed to whom.

No table holds a health value: a participation keeps the member's age band
and sex as given when joining, a disclosure which variables included the
member's value (never the value), and an extract the published (already
suppressed) table. Health values are asked for at extract time through
``core.api.study_values`` and forgotten once aggregated.
"""

from __future__ import annotations

from piccolo.columns import JSON, Date, ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Disclosure", "Extract", "Participation", "Study"]


class Study(Table, tablename="studies_study"):
    """A partner's study on one edition: pending until an operator approves or rejects it."""

    id = Serial(primary_key=True)
    partner = member_foreign_key(set_null=True, null=True)
    site = Varchar(length=8, index=True)
    title = Varchar(length=120)
    sponsor = Varchar(length=120)
    purposes = JSON()  # {"fr": text, "en": text, "de": text}: what the data are for, per language
    age_min = Integer()
    age_max = Integer()
    variables = JSON()  # a subset of stats.VARIABLES
    conditions = JSON(default=[])  # ICD-10 codes or categories ("E11"); empty: any member of the edition
    ends_on = Date()
    status = Varchar(length=12, default="pending")  # pending, approved, rejected
    consent_version = Varchar(length=16)  # changes when the purpose texts change
    created_at = Timestamptz()


class Participation(Table, tablename="studies_participation"):
    """A member taking part in a study (deleted when they leave: later extracts no longer count them)."""

    id = Serial(primary_key=True)
    key = Varchar(length=32, unique=True)  # "<study>:<member>"
    study = ForeignKey(references=Study, on_delete=OnDelete.cascade, index=True)
    member = member_foreign_key()
    age_band = Varchar(length=8)
    sex = Varchar(length=1)  # f, m, x (another answer), u (not said)
    consent_version = Varchar(length=16)
    joined_at = Timestamptz()


class Extract(Table, tablename="studies_extract"):
    """One release of a study's aggregates: the published table, never rows."""

    id = Serial(primary_key=True)
    study = ForeignKey(references=Study, on_delete=OnDelete.cascade, index=True)
    month = Varchar(length=7)  # "2026-12": no date finer than a month is shown to the partner
    cohort = Integer()  # members counted (exact, kept for the differencing rule; shown rounded)
    table = JSON()
    created_at = Timestamptz()


class Disclosure(Table, tablename="studies_disclosure"):
    """A member was counted in an extract (their own record of what was shared, with whom, when)."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    extract = ForeignKey(references=Extract, on_delete=OnDelete.cascade, index=True)
    study_title = Varchar(length=120)
    sponsor = Varchar(length=120)
    variables = JSON(default=[])  # keys of the variables whose statistics included the member's value
    created_at = Timestamptz()
