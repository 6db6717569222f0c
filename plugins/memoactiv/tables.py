"""MémoActiv tables: check-in sessions, runs (plan, raw trials, scores), member settings, prompts shown."""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, Date, Integer, Real, Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["PromptLog", "Run", "Session", "Setting"]


class Session(Table, tablename="memoactiv_session"):
    """A check-in: context answers, the exercises in order, the word-list form; ``status`` open/done."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    day = Date()
    started_at = Timestamptz()
    completed_at = Timestamptz(null=True, default=None)
    status = Varchar(length=16, default="open")
    steps = JSON()
    form = Integer()
    context = JSON()
    language = Varchar(length=16)
    tz = Varchar(length=64, default="UTC")


class Run(Table, tablename="memoactiv_run"):
    """One run of one exercise: the plan the server issued, then the raw trials and scores.

    ``status`` is "issued" until valid results arrive ("done"); ``mode`` is
    "checkin" (feeds trends and the Health Box) or "training" (history only).
    ``valid`` is False for a run kept but not used for trends (with ``reason``).
    """

    id = Serial(primary_key=True)
    member = member_foreign_key()
    token = Varchar(length=48, unique=True)
    exercise = Varchar(length=24)
    mode = Varchar(length=16)
    session_id = Integer(null=True, default=None, index=True)
    status = Varchar(length=16, default="issued")
    plan = JSON()
    issued_at = Timestamptz()
    submitted_at = Timestamptz(null=True, default=None)
    day = Date(null=True, default=None)
    trials = JSON(default="[]")
    scores = JSON(default="{}")
    primary = Real(null=True, default=None)
    valid = Boolean(default=True)
    reason = Varchar(length=200, default="")
    device = JSON(default="{}")
    duration_ms = Real(null=True, default=None)
    scoring_version = Varchar(length=16, default="")


class Setting(Table, tablename="memoactiv_setting"):
    """Per member: optional exercises added to the check-in, colour-vision answer."""

    id = Serial(primary_key=True)
    member = member_foreign_key()
    optional = JSON(default="[]")
    colour_vision = Varchar(length=16, default="")


class PromptLog(Table, tablename="memoactiv_prompt_log"):
    """Each showing of a prompt to see a professional: which one, which message version, when (§9).

    ``message_version`` names the exact texts shown (their id and a hash of
    them, :mod:`plugins.memoactiv.prompts`); ``language`` the language shown.
    """

    id = Serial(primary_key=True)
    member = member_foreign_key()
    prompt_key = Varchar(length=64)
    message_version = Varchar(length=64)
    language = Varchar(length=16, default="")
    shown_at = Timestamptz(index=True)
