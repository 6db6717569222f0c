"""Storage of MémoActiv data (no web framework): settings, check-ins, runs, export and erase."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from core.api import transaction
from plugins.memoactiv.exercises import CHECKIN_ORDER, OPTIONAL, REQUIRED
from plugins.memoactiv.prompts import prompt_log
from plugins.memoactiv.tables import PromptLog, Run, Session, Setting
from plugins.memoactiv.wordlists import CHECKIN_FORMS

__all__ = [
    "CHECKIN_INTERVAL_DAYS",
    "PLAN_LIFETIME",
    "checkin_steps",
    "done_runs",
    "erase_member",
    "export_member",
    "get_run",
    "get_session",
    "get_setting",
    "issue_run",
    "last_checkin",
    "open_session",
    "save_result",
    "save_setting",
    "session_runs",
    "start_session",
    "void_run",
]

CHECKIN_INTERVAL_DAYS = 7
PLAN_LIFETIME = timedelta(hours=12)


def now() -> datetime:
    return datetime.now(UTC)


async def get_setting(member_id: int) -> dict[str, Any]:
    """The member's optional exercises and colour-vision answer (defaults when never saved)."""
    row = await Setting.select().where(Setting.member == member_id).first().output(load_json=True)
    if row is None:
        return {"optional": [], "colour_vision": ""}
    return {"optional": [e for e in row["optional"] if e in OPTIONAL], "colour_vision": row["colour_vision"]}


async def save_setting(member_id: int, optional: Sequence[str], colour_vision: str) -> None:
    values: dict[Any, Any] = {
        Setting.optional: [e for e in OPTIONAL if e in optional],
        Setting.colour_vision: colour_vision,
    }
    async with transaction(Setting._meta.db):
        if await Setting.exists().where(Setting.member == member_id):
            await Setting.update(values).where(Setting.member == member_id)
        else:
            await Setting.insert(
                Setting(member=member_id, optional=values[Setting.optional], colour_vision=colour_vision)
            )


def checkin_steps(optional: Sequence[str], colour_vision: str) -> list[str]:
    """The exercises of a check-in, in order.

    Stroop only for members who said they see colours well (§7d); for the
    others the arrows (flanker), which use no colours, take its place.
    """
    chosen = set(REQUIRED) | set(optional)
    if colour_vision != "ok" and "stroop" in chosen:
        chosen.discard("stroop")
        chosen.add("flanker")
    return [e for e in CHECKIN_ORDER if e in chosen]


async def last_checkin(member_id: int) -> dict[str, Any] | None:
    """The member's latest completed check-in."""
    return (
        await Session.select()
        .where((Session.member == member_id) & (Session.status == "done"))
        .order_by(Session.started_at, ascending=False)
        .first()
        .output(load_json=True)
    )


async def open_session(member_id: int) -> dict[str, Any] | None:
    """A check-in started and not finished (to resume), if any."""
    return (
        await Session.select()
        .where((Session.member == member_id) & (Session.status == "open"))
        .order_by(Session.started_at, ascending=False)
        .first()
        .output(load_json=True)
    )


async def get_session(member_id: int, session_id: int) -> dict[str, Any] | None:
    """One of the member's check-ins (None for anybody else's)."""
    return (
        await Session.select()
        .where((Session.id == session_id) & (Session.member == member_id))
        .first()
        .output(load_json=True)
    )


async def start_session(
    member_id: int, day: date, steps: Sequence[str], context: Sequence[str], *, language: str, tz: str
) -> int:
    """Open a check-in; the word-list form rotates over the six check-in forms."""
    done = await Session.count().where((Session.member == member_id) & (Session.status == "done"))
    form = CHECKIN_FORMS[done % len(CHECKIN_FORMS)]
    async with transaction(Session._meta.db):
        await Session.update({Session.status: "abandoned"}).where(
            (Session.member == member_id) & (Session.status == "open")
        )
        rows = await Session.insert(
            Session(
                member=member_id,
                day=day,
                started_at=now(),
                steps=list(steps),
                form=form,
                context=list(context),
                language=language,
                tz=tz,
            )
        ).returning(Session.id)
    return int(rows[0]["id"])


async def session_runs(session_id: int) -> dict[str, dict[str, Any]]:
    """Exercise → its finished run, for one check-in."""
    rows = (
        await Run.select()
        .where((Run.session_id == session_id) & (Run.status == "done"))
        .order_by(Run.submitted_at)
        .output(load_json=True)
    )
    return {row["exercise"]: row for row in rows}


async def finish_session(session_id: int) -> None:
    await Session.update({Session.status: "done", Session.completed_at: now()}).where(Session.id == session_id)


async def issue_run(
    member_id: int, exercise: str, mode: str, plan: dict[str, Any], *, session_id: int | None = None
) -> dict[str, Any]:
    """Store a plan and return its run; a check-in step reuses the plan already issued for it."""
    if session_id is not None:
        existing = (
            await Run.select()
            .where((Run.session_id == session_id) & (Run.exercise == exercise) & (Run.status == "issued"))
            .first()
            .output(load_json=True)
        )
        if existing is not None and now() - existing["issued_at"] < PLAN_LIFETIME:
            return existing
    token = secrets.token_urlsafe(24)
    await Run.insert(
        Run(
            member=member_id,
            token=token,
            exercise=exercise,
            mode=mode,
            session_id=session_id,
            plan=plan,
            issued_at=now(),
        )
    )
    await Run.delete().where(
        (Run.member == member_id) & (Run.status == "issued") & (Run.issued_at < now() - PLAN_LIFETIME)
    )
    row = await Run.select().where(Run.token == token).first().output(load_json=True)
    assert row is not None
    return row


async def get_run(member_id: int, *, token: str | None = None, run_id: int | None = None) -> dict[str, Any] | None:
    """One of the member's runs by plan token or id (None for anybody else's)."""
    where = (Run.token == token) if token is not None else (Run.id == (run_id or 0))
    return await Run.select().where(where & (Run.member == member_id)).first().output(load_json=True)


async def save_result(run_id: int, **values: Any) -> bool:
    """Store checked trials and scores once; False when the run was already submitted."""
    columns = {getattr(Run, key): value for key, value in values.items()}
    async with transaction(Run._meta.db):
        if not await Run.exists().where((Run.id == run_id) & (Run.status == "issued")):
            return False
        await Run.update({**columns, Run.status: "done", Run.submitted_at: now()}).where(Run.id == run_id)
    return True


async def void_run(run: dict[str, Any]) -> bool:
    """Forget an issued plan whose scored block was interrupted (page hidden): nothing of it is kept.

    The next visit issues fresh stimuli. A check-in's word list cannot be
    fresh in the same form once partly seen, so the check-in moves to the next
    parallel form (its delayed recall follows, being issued later). False when
    the run was already submitted.
    """
    async with transaction(Run._meta.db):
        if not await Run.exists().where((Run.id == run["id"]) & (Run.status == "issued")):
            return False
        await Run.delete().where(Run.id == run["id"])
        if run["exercise"] == "words" and run["session_id"] is not None:
            row = await Session.select(Session.form).where(Session.id == run["session_id"]).first()
            if row is not None:
                position = CHECKIN_FORMS.index(row["form"]) if row["form"] in CHECKIN_FORMS else -1
                following = CHECKIN_FORMS[(position + 1) % len(CHECKIN_FORMS)]
                await Session.update({Session.form: following}).where(Session.id == run["session_id"])
    return True


async def done_runs(member_id: int, exercise: str | None = None, *, mode: str | None = None) -> list[dict[str, Any]]:
    """The member's finished runs (oldest first), optionally for one exercise or mode.

    Without their plan and raw trials: trends and histories need the scores
    only; loading six months of trials doubled the MémoActiv home page's time.
    """
    where = (Run.member == member_id) & (Run.status == "done")
    if exercise is not None:
        where &= Run.exercise == exercise
    if mode is not None:
        where &= Run.mode == mode
    columns = [column for column in Run._meta.columns if column not in (Run.plan, Run.trials)]
    return await Run.select(*columns).where(where).order_by(Run.submitted_at).output(load_json=True)


async def sessions_by_id(member_id: int) -> dict[int, dict[str, Any]]:
    rows = await Session.select().where(Session.member == member_id).output(load_json=True)
    return {row["id"]: row for row in rows}


async def group_series(exercise: str) -> dict[int, list[float]]:
    """Every member's valid check-in scores of one exercise, oldest first (reference group)."""
    rows = (
        await Run.select(Run.member, Run.primary)
        .where(
            (Run.exercise == exercise) & (Run.mode == "checkin") & (Run.status == "done") & (Run.valid == True)  # noqa: E712
        )
        .order_by(Run.submitted_at)
    )
    series: dict[int, list[float]] = {}
    for row in rows:
        if row["primary"] is not None:
            series.setdefault(row["member"], []).append(float(row["primary"]))
    return series


async def export_member(member_id: int) -> dict[str, Any]:
    """Everything MémoActiv keeps about the member.

    Check-ins (context answers included), every run with its plan, raw trials
    and scores, settings, and each prompt to see a professional shown to the
    member (which message version, in which language, when).
    """
    sessions = await Session.select().where(Session.member == member_id).order_by(Session.id).output(load_json=True)
    runs = await Run.select().where(Run.member == member_id).order_by(Run.id).output(load_json=True)
    return {
        "checkins": [{k: v for k, v in s.items() if k != "member"} for s in sessions],
        "runs": [{k: v for k, v in r.items() if k not in ("member", "token")} for r in runs],
        "settings": await get_setting(member_id),
        "prompts_shown": await prompt_log(member_id),
    }


async def erase_member(member_id: int) -> None:
    async with transaction(Run._meta.db):
        await Run.delete().where(Run.member == member_id)
        await Session.delete().where(Session.member == member_id)
        await Setting.delete().where(Setting.member == member_id)
        await PromptLog.delete().where(PromptLog.member == member_id)


def next_checkin_day(last: dict[str, Any] | None, today: date) -> date:
    """The first day a new check-in counts: seven days after the last one (today if none)."""
    if last is None:
        return today
    return max(today, last["day"] + timedelta(days=CHECKIN_INTERVAL_DAYS))
