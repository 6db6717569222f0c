"""Health Box tables: entries, questionnaire responses and member settings."""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, Date, Real, Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Entry", "QuestionnaireResponse", "Setting"]


class Entry(Table, tablename="healthbox_entry"):
    """One tracker entry per member, tracker and day (editable).

    ``source`` says who computed it: "form" for the member's entry form, or the
    slug of the plugin that recorded it through ``record_entry`` (e.g. "memoactiv").
    """

    id = Serial(primary_key=True)
    member = member_foreign_key()
    tracker = Varchar(length=32)
    day = Date(index=True)
    entry_key = Varchar(length=80, unique=True)
    values = JSON()
    recorded_at = Timestamptz()
    tz = Varchar(length=64)
    confirmed_outlier = Boolean(default=False)
    source = Varchar(length=32, default="form")


class QuestionnaireResponse(Table, tablename="healthbox_response"):
    """Raw answers plus the scores computed from them (recomputable).

    ``derived`` holds secondary scores and their range labels (FTND → HSI);
    ``language`` is the language version the member answered.
    """

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
    derived = JSON(default="{}")
    language = Varchar(length=16, default="")


class Setting(Table, tablename="healthbox_setting"):
    """Per-member settings: height, units, pack price, sharing, diet flags."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    setting_key = Varchar(length=80, unique=True)
    name = Varchar(length=48)
    value = JSON()
