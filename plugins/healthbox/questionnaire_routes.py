"""Validated questionnaires of a tracker (e.g. Fagerström, MTSS)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from core.api import Questionnaire, Tracker, current_member, gettext_for, render, settings
from plugins.healthbox import services
from plugins.healthbox.forms import render_errors
from plugins.healthbox.sdk.questionnaires import next_allowed_day, score_answers

if TYPE_CHECKING:
    from datetime import date

__all__ = ["available", "questionnaire_page", "questionnaire_submit"]

OPT = {"consent": "core.health_data"}


def available(request: Request[Any, Any, Any], questionnaire: Questionnaire) -> bool:
    """On by default, or licensed by the operator (``ENTRAIDE_LICENSED_INSTRUMENTS``)."""
    return questionnaire.enabled_by_default or questionnaire.key in settings(request).licensed_instruments


def _find(request: Request[Any, Any, Any], slug: str, key: str) -> tuple[Tracker, Questionnaire]:
    from plugins.healthbox.routes import tracker_or_404

    tracker = tracker_or_404(request, slug)
    for questionnaire in tracker.questionnaires:
        if questionnaire.key == key and available(request, questionnaire):
            return tracker, questionnaire
    raise NotFoundException()


async def _context(request: Request[Any, Any, Any], tracker: Tracker, questionnaire: Questionnaire) -> dict[str, Any]:
    from plugins.healthbox.routes import today_for

    member = current_member(request)
    last = await services.last_response(member.id, tracker.slug, questionnaire.key)
    last_day: date | None = last["day"] if last else None
    allowed = next_allowed_day(questionnaire, last_day)
    today = today_for(request)
    return {
        "tracker": tracker,
        "q": questionnaire,
        "last": last,
        "next_allowed": allowed if allowed and allowed > today else None,
        "history": await services.responses(member.id, tracker.slug),
        "answers": {},
        "errors": {},
        "result": None,
    }


@get("/{slug:str}/q/{key:str}/", name="healthbox:questionnaire", opt=OPT)
async def questionnaire_page(request: Request[Any, Any, Any], slug: FromPath[str], key: FromPath[str]) -> Response[Any]:
    tracker, questionnaire = _find(request, slug, key)
    return await render(request, "healthbox/pages/questionnaire.html", await _context(request, tracker, questionnaire))


@post("/{slug:str}/q/{key:str}/", name="healthbox:questionnaire_submit", opt=OPT)
async def questionnaire_submit(
    request: Request[Any, Any, Any], slug: FromPath[str], key: FromPath[str]
) -> Response[Any]:
    from plugins.healthbox.routes import today_for

    member = current_member(request)
    tracker, questionnaire = _find(request, slug, key)
    _ = gettext_for(request).gettext
    ctx = await _context(request, tracker, questionnaire)
    form = await request.form()
    raw = {item.key: str(form.get(item.key, "")) for item in questionnaire.items}
    ctx["answers"] = raw
    if ctx["next_allowed"]:
        ctx["errors"] = {
            "form": _("You last completed this questionnaire on %(day)s. You can take it again from %(next)s.")
            % {"day": ctx["last"]["day"].isoformat(), "next": ctx["next_allowed"].isoformat()}
        }
        return await render(request, "healthbox/pages/questionnaire.html", ctx, status=400)
    result = score_answers(questionnaire, raw)
    if not result.ok or result.score is None:
        ctx["errors"] = render_errors(result.errors, _)
        return await render(request, "healthbox/pages/questionnaire.html", ctx, status=400)
    band = result.band.label if result.band else None
    await services.save_response(
        member.id,
        tracker,
        questionnaire.key,
        questionnaire.version,
        result.answers,
        result.score,
        band,
        today_for(request),
    )
    ctx.update(await _context(request, tracker, questionnaire))
    ctx["result"] = result
    ctx["taken"] = datetime.now(request.state.site.tz)
    return await render(request, "healthbox/pages/questionnaire.html", ctx)
