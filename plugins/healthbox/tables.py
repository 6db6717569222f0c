"""Health Box tables: entries, questionnaire responses and member settings."""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, Date, Real, Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Entry", "QuestionnaireResponse", "Setting"]


class Entry(Table, tablename="healthbox_entry"):
    """One tracker entry per member, tracker and day (editable)."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    tracker = Varchar(length=32)
    day = Date(index=True)
    entry_key = Varchar(length=80, unique=True)
    values = JSON()
    recorded_at = Timestamptz()
    tz = Varchar(length=64)
    confirmed_outlier = Boolean(default=False)


class QuestionnaireResponse(Table, tablename="healthbox_response"):
    """Raw answers plus the score computed from them (recomputable)."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    tracker = Varchar(length=32)
    questionnaire = Varchar(length=32)
    version = Varchar(length=16)
    answers = JSON()
    score = Real()
    band = Varchar(length=120, null=True, default=None)
    day = Date()
    taken_at = Timestamptz()


class Setting(Table, tablename="healthbox_setting"):
    """Per-member settings: height, units, pack price, sharing, diet flags."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    setting_key = Varchar(length=80, unique=True)
    name = Varchar(length=48)
    value = JSON()
