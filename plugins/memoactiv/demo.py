"""Demo data: Camille's six months of weekly check-ins, with a visible practice effect.

Every run is a browser-like payload (:mod:`plugins.memoactiv.simulate`) put
through the real checks and scoring, so the stored raw trials and scores agree.
Scores climb over the first check-ins (practice), then level off around her
usual range; a few check-ins carry context (a bad night).
"""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.api import DemoContext
from plugins.memoactiv import services
from plugins.memoactiv.checks import CHECKERS
from plugins.memoactiv.exercises import EXERCISES, OPTIONAL
from plugins.memoactiv.flow import tracker_values
from plugins.memoactiv.plans import make_plan
from plugins.memoactiv.scored import SCORING_VERSION, score_run
from plugins.memoactiv.simulate import DEVICE, Ability, payload_for
from plugins.memoactiv.tables import Run, Session
from plugins.memoactiv.trackers import FAMILY_TRACKERS
from plugins.memoactiv.wordlists import CHECKIN_FORMS

__all__ = ["WEEKS", "ability_at", "seed", "seed_member"]

WEEKS = 26
DEMO_EMAIL = "camille@demo.entraide.test"


def ability_at(week: int, rng: random.Random) -> Ability:
    """Camille's level at her ``week``-th check-in: a practice gain that levels off, plus noise."""
    learnt = 1 - math.exp(-week / 1.6)
    return Ability(
        span_forward=5.4 + 0.9 * learnt + rng.gauss(0, 0.25),
        span_backward=4.2 + 0.8 * learnt + rng.gauss(0, 0.25),
        dprime=1.5 + 0.9 * learnt + rng.gauss(0, 0.15),
        simple_ms=375 - 45 * learnt + rng.gauss(0, 8),
        choice_ms=510 - 60 * learnt + rng.gauss(0, 10),
        stroop_ms=690 - 60 * learnt + rng.gauss(0, 10),
        interference_ms=125 - 25 * learnt + rng.gauss(0, 8),
        flanker_ms=600 - 50 * learnt + rng.gauss(0, 9),
        flanker_interference_ms=85 - 15 * learnt + rng.gauss(0, 6),
        words_first=5.0 + 1.6 * learnt,
        words_gain=1.8 + 0.3 * learnt,
    )


async def _run(
    member_id: int,
    session: dict,
    exercise: str,
    ability: Ability,
    at: datetime,
    rng: random.Random,
    learning: dict | None,
) -> dict:
    plan = make_plan(exercise, language=session["language"], form=session["form"], seed=rng.randrange(2**32))
    words = [w for w in make_plan("words", language=session["language"], form=session["form"], seed=0)["words"]]
    payload = payload_for(exercise, plan, "demo", ability=ability, seed=rng.randrange(2**32), words=words)
    records, _shortest = CHECKERS[exercise](plan, payload["trials"], payload["duration"])
    scored = score_run(exercise, plan, records, learning=learning)
    token = f"demo-{member_id}-{session['id']}-{exercise}"
    await Run.insert(
        Run(
            member=member_id,
            token=token,
            exercise=exercise,
            mode="checkin",
            session_id=session["id"],
            status="done",
            plan=plan,
            issued_at=at,
            submitted_at=at + timedelta(milliseconds=payload["duration"]),
            day=session["day"],
            trials=records,
            scores=scored.scores,
            primary=scored.primary,
            valid=scored.valid,
            reason=scored.reason,
            device=dict(DEVICE),
            duration_ms=payload["duration"],
            scoring_version=SCORING_VERSION,
        )
    )
    return {"scores": scored.scores, "valid": scored.valid}


async def _session(member_id: int, week: int, day: date, tz: ZoneInfo, language: str, rng: random.Random) -> None:
    from core.api import record_entry

    steps = services.checkin_steps(OPTIONAL, "ok")
    context = ["bad_night"] if week in (9, 17) else []
    start = datetime.combine(day, time(10, 0), tz).astimezone(UTC)
    rows = await Session.insert(
        Session(
            member=member_id,
            day=day,
            started_at=start,
            completed_at=start + timedelta(minutes=14),
            status="done",
            steps=steps,
            form=CHECKIN_FORMS[week % len(CHECKIN_FORMS)],
            context=context,
            language=language,
            tz=str(tz),
        )
    ).returning(Session.id)
    session = {"id": rows[0]["id"], "day": day, "form": CHECKIN_FORMS[week % len(CHECKIN_FORMS)], "language": language}
    ability = ability_at(week, rng)
    done: dict[str, dict] = {}
    for n, step in enumerate(steps):
        done[step] = await _run(
            member_id,
            session,
            step,
            ability,
            start + timedelta(minutes=2 * n),
            rng,
            done.get("words", {}).get("scores"),
        )
    for family, tracker in FAMILY_TRACKERS.items():
        values = tracker_values(family, {e: r for e, r in done.items() if EXERCISES[e].family == family})
        if values:
            await record_entry(member_id, tracker.slug, day, values, source="memoactiv", tz=str(tz))


async def seed_member(
    member_id: int, tz: ZoneInfo, language: str, *, weeks: int = WEEKS, today: date | None = None
) -> None:
    """``weeks`` weekly check-ins ending three days ago, with every optional exercise."""
    rng = random.Random(13)
    await services.save_setting(member_id, OPTIONAL, "ok")
    last = (today or datetime.now(tz).date()) - timedelta(days=3)
    for week in range(weeks):
        await _session(member_id, week, last - timedelta(weeks=weeks - 1 - week), tz, language, rng)


async def seed(ctx: DemoContext) -> None:
    member = ctx.by_email.get(DEMO_EMAIL)
    if member is not None:
        site = ctx.sites.by_code[member.site]
        await seed_member(member.id, site.tz, site.locale)
