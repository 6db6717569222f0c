"""Profile tables: one profile row per member, and one row per condition, symptom or treatment.

``visibility`` is ``me``, ``friends`` or ``members`` on every item (default
``me``). ``since`` is a partial ISO date as the member gave it (``2019``,
``2019-03`` or ``2019-03-14``), which sorts and compares as text.
"""

from __future__ import annotations

from piccolo.columns import Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Condition", "Profile", "Symptom", "Treatment"]


class Profile(Table, tablename="profile_profile"):
    """The free-text part: a short bio and who may read it."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    member_key = Varchar(length=12, unique=True)
    bio = Text(default="")
    bio_visibility = Varchar(length=8, default="me")
    updated_at = Timestamptz()


class Condition(Table, tablename="profile_condition"):
    """An ICD-10 coded condition the member lives with (``item_key`` = ``"<member>:<code>"``)."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    code = Varchar(length=8)
    item_key = Varchar(length=24, unique=True)
    since = Varchar(length=10, null=True, default=None)
    visibility = Varchar(length=8, default="me")
    added_at = Timestamptz()


class Symptom(Table, tablename="profile_symptom"):
    """An ICD-10 coded symptom (chapter XVIII mostly), same shape as a condition."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    code = Varchar(length=8)
    item_key = Varchar(length=24, unique=True)
    since = Varchar(length=10, null=True, default=None)
    visibility = Varchar(length=8, default="me")
    added_at = Timestamptz()


class Treatment(Table, tablename="profile_treatment"):
    """A treatment in the member's words (a drug-search plugin may offer coded ones later)."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    name = Varchar(length=120)
    since = Varchar(length=10, null=True, default=None)
    visibility = Varchar(length=8, default="me")
    added_at = Timestamptz()
