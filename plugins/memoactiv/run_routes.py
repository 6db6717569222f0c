"""Exercise pages (instructions, practice, scored run in the browser) and the results endpoint.

The page gets the plan the server issued (stimuli, order, timings); the
browser measures times with ``performance.now()`` and posts trial-level JSON
to ``/memoactiv/runs/<token>``, which checks, scores and stores it (400 with
a message and nothing stored when the data cannot come from a real run).
A scored block interrupted by hiding the page is void: the page posts a
notice to ``/memoactiv/runs/<token>/void`` and the server forgets the plan
(the member starts again with fresh stimuli); results marked interrupted are
refused like any impossible run.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from core.api import current_member, formats_for, gettext_for, locale_of, render, site_of, today
from plugins.memoactiv import services
from plugins.memoactiv.display import format_primary, score_rows
from plugins.memoactiv.exercises import EXERCISES, Exercise
from plugins.memoactiv.flow import submit
from plugins.memoactiv.payloads import PayloadRejected
from plugins.memoactiv.plans import make_plan
from plugins.memoactiv.wordlists import TRAINING_FORMS

__all__ = ["OPT", "exercise_or_404", "result_page", "run_page", "submit_run", "train", "void_run"]

OPT = {"consent": "core.health_data"}
MAX_BODY = 256 * 1024


def exercise_or_404(slug: str, *, trainable: bool = False) -> Exercise:
    exercise = EXERCISES.get(slug)
    if exercise is None or (trainable and not exercise.trainable):
        raise NotFoundException()
    return exercise


def restart_url(run: dict[str, Any]) -> str:
    """Where "Start again" leads after a void run (the practice round may then be skipped)."""
    if run["session_id"] is not None:
        return f"/memoactiv/checkin/{run['session_id']}?again=1"
    return f"/memoactiv/train/{run['exercise']}?again=1"


async def run_page(
    request: Request[Any, Any, Any], run: dict[str, Any], *, step: tuple[int, int] | None = None
) -> Response[Any]:
    """The page that runs one exercise from its issued plan."""
    exercise = EXERCISES[run["exercise"]]
    colour_note = exercise.slug == "stroop" and (await services.get_setting(run["member"]))["colour_vision"] != "ok"
    context = {
        "colour_note": colour_note,
        "again": request.query_params.get("again") == "1",
        "restart_url": restart_url(run),
        "exercise": exercise,
        "run": run,
        "plan": run["plan"],
        "submit_url": f"/memoactiv/runs/{run['token']}",
        "step": step,
        "checkin": run["mode"] == "checkin",
    }
    return await render(request, "memoactiv/pages/run.html", context)


@get("/train/{slug:str}", name="memoactiv:train", opt=OPT)
async def train(request: Request[Any, Any, Any], slug: FromPath[str]) -> Response[Any]:
    """A training run: same exercise, not used for trends nor recorded in the Health Box."""
    exercise = exercise_or_404(slug, trainable=True)
    member = current_member(request)
    form = TRAINING_FORMS[secrets.randbelow(len(TRAINING_FORMS))]
    plan = make_plan(exercise.slug, language=locale_of(request), form=form, seed=secrets.randbits(64))
    run = await services.issue_run(member.id, exercise.slug, "training", plan)
    return await run_page(request, run)


def _elapsed_ms(run: dict[str, Any]) -> float:
    return (datetime.now(UTC) - run["issued_at"]).total_seconds() * 1000


def _rejection(rejected: PayloadRejected, gettext: Any) -> str:
    """The refusal in the page's language (names of values, given as msgids, translated too)."""
    params = {key: gettext(value) if isinstance(value, str) else value for key, value in rejected.message.params}
    return str(gettext(rejected.message.msgid)).format(**params)


def _error(message: str, status: int = 400) -> Response[Any]:
    return Response({"error": message}, status_code=status)


@post("/runs/{token:str}", name="memoactiv:submit", opt=OPT, status_code=200)
async def submit_run(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    """Receive one run's trials as JSON: 200 with where to go next, or 400 with the reason."""
    member = current_member(request)
    gettext = gettext_for(request).gettext
    run = await services.get_run(member.id, token=token[:64])
    if run is None:
        raise NotFoundException()
    body = await request.body()
    if len(body) > MAX_BODY:
        return _error(gettext("The results are too large to be real."), 413)
    try:
        payload = await request.json()
    except Exception:  # noqa: BLE001 - any unreadable body is the sender's mistake
        return _error(gettext("The results could not be read."))
    if _elapsed_ms(run) > services.PLAN_LIFETIME.total_seconds() * 1000:
        return _error(gettext("This exercise was opened too long ago. Please start it again."))
    try:
        scored = await submit(member.id, run, payload, elapsed_ms=_elapsed_ms(run), day=today(request))
    except PayloadRejected as rejected:
        return _error(_rejection(rejected, gettext))
    fmt = formats_for(request)
    if run["session_id"] is not None:
        next_url = f"/memoactiv/checkin/{run['session_id']}"
    else:
        next_url = f"/memoactiv/results/{run['id']}"
    return Response({"next": next_url, "score": format_primary(run["exercise"], scored.primary, fmt)})


@post("/runs/{token:str}/void", name="memoactiv:void", opt=OPT, status_code=200)
async def void_run(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    """The page was hidden during the scored block: forget the issued plan, keep nothing of the run."""
    member = current_member(request)
    run = await services.get_run(member.id, token=token[:64])
    if run is None:
        raise NotFoundException()
    if not await services.void_run(run):
        return _error(gettext_for(request).gettext("These results were already saved."), 409)
    return Response({"next": restart_url(run)})


@get("/results/{run_id:int}", name="memoactiv:result", opt=OPT)
async def result_page(request: Request[Any, Any, Any], run_id: FromPath[int]) -> Response[Any]:
    """The scores of one of the member's runs (404 for anybody else's, or before it was done)."""
    member = current_member(request)
    run = await services.get_run(member.id, run_id=run_id)
    if run is None or run["status"] != "done":
        raise NotFoundException()
    exercise = EXERCISES[run["exercise"]]
    fmt = formats_for(request)
    context = {
        "exercise": exercise,
        "run": run,
        "rows": score_rows(exercise.slug, run["scores"], fmt),
        "primary": format_primary(exercise.slug, run["primary"], fmt),
        "site_tz": site_of(request).timezone,
    }
    return await render(request, "memoactiv/pages/result.html", context)
