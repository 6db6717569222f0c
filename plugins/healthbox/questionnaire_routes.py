"""Validated questionnaires of a tracker (Fagerström + HSI, MTSS, PSS when licensed).

Pages show the published wording and instructions with the recall period, in
the languages whose validated wording is shipped (others are off, with a note);
raw answers, the score, derived scores (HSI) and the language are stored.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from core.api import (
    Questionnaire,
    Tracker,
    current_member,
    formats_for,
    gettext_for,
    locale_of,
    render,
    settings,
    site_of,
    today,
)
from plugins.healthbox import services
from plugins.healthbox.forms import render_errors
from plugins.healthbox.resources import quit_line
from plugins.healthbox.sdk.questionnaires import QuestionnaireResult, next_allowed_day, score_answers
from plugins.healthbox.sdk.records import exact_series_of
from plugins.healthbox.trackers import tobacco

__all__ = ["available", "licensed", "questionnaire_page", "questionnaire_submit", "tobacco_help"]

OPT = {"consent": "core.health_data"}


def licensed(request: Request[Any, Any, Any], questionnaire: Questionnaire) -> bool:
    """On by default, or licensed by the operator (``ENTRAIDE_LICENSED_INSTRUMENTS``)."""
    return questionnaire.enabled_by_default or questionnaire.key in settings(request).licensed_instruments


def available(request: Request[Any, Any, Any], questionnaire: Questionnaire) -> bool:
    """Licensed, and its validated wording exists in the page language."""
    return licensed(request, questionnaire) and questionnaire.offered_in(locale_of(request))


def tobacco_help(request: Request[Any, Any, Any], prompt: str | None) -> str | None:
    """The §9 tobacco prompt with the edition's quit line (translated), or None."""
    if prompt is None:
        return None
    _ = gettext_for(request).gettext
    line = quit_line(site_of(request).code)
    if line is None:
        return _(prompt)
    return _("Free help to quit: %(name)s on %(number)s (free), your doctor or your pharmacist.") % {
        "name": line.name,
        "number": line.number,
    }


def _find(request: Request[Any, Any, Any], slug: str, key: str) -> tuple[Tracker, Questionnaire]:
    from plugins.healthbox.routes import tracker_or_404

    tracker = tracker_or_404(request, slug)
    for questionnaire in tracker.questionnaires:
        if questionnaire.key == key and available(request, questionnaire):
            return tracker, questionnaire
    raise NotFoundException()


async def _prefill(member_id: int, questionnaire: Questionnaire, day: Any) -> tuple[dict[str, str], int | None]:
    """FTND item 4 from the whole daily count of the last 7 days, for the member to confirm."""
    if questionnaire is not tobacco.FTND:
        return {}, None
    records = await services.load_records(member_id, ["tobacco"], since=day - timedelta(days=6), until=day)
    count = tobacco.typical_daily_cigarettes(exact_series_of(records, "cigs_today"), end=day)
    if count is None:
        return {}, None
    return {"ftnd_4": str(tobacco.ftnd_item4_points(count))}, count


async def _context(request: Request[Any, Any, Any], tracker: Tracker, questionnaire: Questionnaire) -> dict[str, Any]:
    member = current_member(request)
    last = await services.last_response(member.id, tracker.slug, questionnaire.key)
    allowed = next_allowed_day(questionnaire, last["day"] if last else None)
    answers, count = await _prefill(member.id, questionnaire, today(request))
    return {
        "tracker": tracker,
        "q": questionnaire,
        "citation": questionnaire.citation(locale_of(request)),
        "last": last,
        "next_allowed": allowed if allowed and allowed > today(request) else None,
        "history": await services.responses(member.id, tracker.slug),
        "answers": answers,
        "prefilled_count": count,
        "errors": {},
        "result": None,
        "help": None,
    }


@get("/{slug:str}/q/{key:str}/", name="healthbox:questionnaire", opt=OPT)
async def questionnaire_page(request: Request[Any, Any, Any], slug: FromPath[str], key: FromPath[str]) -> Response[Any]:
    tracker, questionnaire = _find(request, slug, key)
    return await render(request, "healthbox/pages/questionnaire.html", await _context(request, tracker, questionnaire))


def _derived_for_storage(result: QuestionnaireResult) -> dict[str, Any]:
    stored: dict[str, Any] = dict(result.derived)
    stored.update({f"{key}_band": band.label for key, band in result.derived_bands.items()})
    return stored


@post("/{slug:str}/q/{key:str}/", name="healthbox:questionnaire_submit", opt=OPT)
async def questionnaire_submit(
    request: Request[Any, Any, Any], slug: FromPath[str], key: FromPath[str]
) -> Response[Any]:
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
            % {
                "day": formats_for(request).date(ctx["last"]["day"]),
                "next": formats_for(request).date(ctx["next_allowed"]),
            }
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
        today(request),
        derived=_derived_for_storage(result),
        language=locale_of(request),
    )
    ctx.update(await _context(request, tracker, questionnaire))
    ctx["result"] = result
    ctx["taken"] = datetime.now(site_of(request).tz)
    if questionnaire is tobacco.FTND:
        ctx["help"] = tobacco_help(request, tobacco.support_prompt(int(result.score), smoking_logged=False))
    return await render(request, "healthbox/pages/questionnaire.html", ctx)
