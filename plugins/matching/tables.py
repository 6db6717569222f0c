"""Matching tables: the index of findable members, and the labels events brought.

``matching_entry`` holds one row per (member, key): ``c:<category>`` for a
condition (ICD-10 category, "G43" for "G43.1"), ``f:<block>`` for its family,
``s:<code>`` for a symptom, with the row's weight. Two composite indexes,
created by the migration (Piccolo declares single-column ones only), make the
two questions index scans, not table scans:

- members like me: ``(site, key, member, weight)``, covering the
  ``WHERE site = ? AND key IN (…) GROUP BY member`` aggregate;
- community counts: ``(site, code, member)`` for ``COUNT(DISTINCT member)``.
"""

from __future__ import annotations

from piccolo.columns import JSON, Serial, SmallInt, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Entry", "Label"]


class Entry(Table, tablename="matching_entry"):
    """One indexed item of a findable member."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    site = Varchar(length=8)
    key = Varchar(length=16)
    code = Varchar(length=12)
    weight = SmallInt(default=1)


class Label(Table, tablename="matching_label"):
    """Names of a code or family in en/fr/de, as the profile feature announced them."""

    id = Serial(primary_key=True)
    code = Varchar(length=12, unique=True)
    kind = Varchar(length=10)
    family = Varchar(length=12, default="")
    names = JSON()
