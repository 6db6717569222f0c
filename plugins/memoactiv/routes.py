"""MémoActiv pages under ``/memoactiv/`` (all need the health-data consent; results are the member's own)."""

from __future__ import annotations

import secrets
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import current_member, flash, formats_for, gettext_for, locale_of, read_form, render, site_of, today
from plugins.memoactiv import services
from plugins.memoactiv.display import CONTEXT_QUESTIONS, format_primary
from plugins.memoactiv.exercises import EXERCISES, OPTIONAL
from plugins.memoactiv.history import history_page
from plugins.memoactiv.plans import make_plan
from plugins.memoactiv.prompts import DECLINE, show_prompt
from plugins.memoactiv.run_routes import OPT, result_page, run_page, submit_run, train, void_run
from plugins.memoactiv.trends import declining_families, member_trends

__all__ = ["router"]

COLOUR_VISION = ("ok", "difficult", "unsure")


def _minutes(steps: list[str]) -> int:
    return round(sum(EXERCISES[s].minutes for s in steps))


async def _checkin_state(member_id: int, request: Request[Any, Any, Any]) -> dict[str, Any]:
    setting = await services.get_setting(member_id)
    steps = services.checkin_steps(setting["optional"], setting["colour_vision"])
    last = await services.last_checkin(member_id)
    next_day = services.next_checkin_day(last, today(request))
    return {
        "setting": setting,
        "steps": steps,
        "minutes": _minutes(steps),
        "last": last,
        "next_day": next_day,
        "due": next_day <= today(request),
        "open": await services.open_session(member_id),
    }


@get("/", name="memoactiv:index", opt=OPT)
async def index(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    fmt = formats_for(request)
    trends = await member_trends(member.id)
    rows = []
    for slug, exercise in EXERCISES.items():
        t = trends.get(slug)
        last = t.runs[-1] if t else None
        rows.append(
            {
                "exercise": exercise,
                "last": format_primary(slug, last["primary"], fmt) if last else None,
                "last_day": last["day"] if last else None,
                "status": t.trend.status(len(t.runs) - 1) if t else "",
                "baseline_count": t.trend.baseline_count if t else 0,
                "count": len(t.runs) if t else 0,
            }
        )
    families = declining_families(trends)
    # Sustained change on two families: suggest a professional, at most once a week, each showing logged (§9).
    suggest = len(families) >= 2 and await show_prompt(member.id, DECLINE, locale_of(request))
    _ = gettext_for(request).gettext
    state = await _checkin_state(member.id, request)
    context = {
        **state,
        "step_names": ", ".join(_(EXERCISES[s].name) for s in state["steps"]),
        "below_links": [
            (f"/memoactiv/history/{slug}", _(EXERCISES[slug].name)) for slug, t in trends.items() if t.trend.below
        ],
        "rows": rows,
        "below_families": families if len(families) < 2 else [],
        "suggest_professional": suggest,
        "prompt": DECLINE,
    }
    return await render(request, "memoactiv/pages/index.html", context)


@get("/settings", name="memoactiv:settings", opt=OPT)
async def settings_page(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    setting = await services.get_setting(member.id)
    context = {"setting": setting, "optional": [EXERCISES[e] for e in OPTIONAL], "errors": {}}
    return await render(request, "memoactiv/pages/settings.html", context)


@post("/settings", name="memoactiv:save_settings", opt=OPT)
async def save_settings(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    form = await request.form()
    chosen = [e for e in form.getall("optional", []) if e in OPTIONAL]
    vision = form.get("colour_vision") or ""
    if vision not in COLOUR_VISION:
        vision = ""
    await services.save_setting(member.id, chosen, vision)
    return flash(
        Redirect("/memoactiv/", status_code=303), gettext_for(request).gettext("Your check-in settings are saved.")
    )


@get("/checkin", name="memoactiv:checkin", opt=OPT)
async def checkin_page(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    state = await _checkin_state(member.id, request)
    context = {**state, "questions": CONTEXT_QUESTIONS, "exercises": [EXERCISES[s] for s in state["steps"]]}
    return await render(request, "memoactiv/pages/checkin.html", context)


@post("/checkin", name="memoactiv:start", opt=OPT)
async def start_checkin(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    state = await _checkin_state(member.id, request)
    if not state["due"]:
        message = gettext_for(request).gettext("Your next check-in is not due yet.")
        return flash(Redirect("/memoactiv/checkin", status_code=303), message)
    form = await read_form(request)
    context = [key for key, _label in CONTEXT_QUESTIONS if form.checkbox(key)]
    site = site_of(request)
    session_id = await services.start_session(
        member.id, today(request), state["steps"], context, language=locale_of(request), tz=site.timezone
    )
    return Redirect(f"/memoactiv/checkin/{session_id}", status_code=303)


@get("/checkin/{session_id:int}", name="memoactiv:session", opt=OPT)
async def session_page(request: Request[Any, Any, Any], session_id: FromPath[int]) -> Response[Any]:
    """The next exercise of a check-in, or its summary once every exercise is done."""
    member = current_member(request)
    session = await services.get_session(member.id, session_id)
    if session is None:
        raise NotFoundException()
    done = await services.session_runs(session_id)
    remaining = [step for step in session["steps"] if step not in done]
    if not remaining or session["status"] != "open":
        fmt = formats_for(request)
        results = [
            (
                EXERCISES[step],
                done.get(step),
                format_primary(step, done[step]["primary"], fmt) if step in done else None,
            )
            for step in session["steps"]
        ]
        return await render(request, "memoactiv/pages/summary.html", {"session": session, "results": results})
    step = remaining[0]
    plan = make_plan(step, language=session["language"], form=session["form"], seed=secrets.randbits(64))
    run = await services.issue_run(member.id, step, "checkin", plan, session_id=session_id)
    return await run_page(request, run, step=(session["steps"].index(step) + 1, len(session["steps"])))


router = Router(
    path="/memoactiv",
    route_handlers=[
        index,
        settings_page,
        save_settings,
        checkin_page,
        start_checkin,
        session_page,
        train,
        submit_run,
        void_run,
        result_page,
        history_page,
    ],
)
