"""Pages under /studies/: members join or leave, partners define studies and publish extracts, operators review.

A partner reaches only their own studies, and an operator the studies of
any edition; everything else answers 404, like a study that does not exist.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import (
    allowed,
    audit,
    current_member,
    flash,
    formats_for,
    gettext_for,
    has_consent,
    locale_of,
    read_form,
    record_consent,
    related,
    render,
    study_variables,
    today,
    viewer_age,
)
from plugins.studies import csvfile, extracts, services
from plugins.studies.stats import SEXES, VARIABLES, age_band
from plugins.studies.summaries import bin_labels
from plugins.studies.tables import Participation, Study

__all__ = ["router"]

LOGIN = {"login": True}
PARTNER = {"permission": "core.partner"}
REVIEW = {"permission": "studies.review"}


@get("/", name="studies:index", opt=LOGIN)
async def index(request: Request[Any, Any, Any]) -> Response[Any]:
    """Studies the member may join, those they take part in, and links for partners and operators."""
    member = current_member(request)
    consented = await has_consent(member.id, "core.partner_studies")
    codes = [str(c) for c in await related(request, "profile.conditions", member.id)]  # the member's own, not stored
    studies = await services.approved_for(member.site, viewer_age(request), today(request), codes) if consented else []
    joined = {
        r["study"] for r in await Participation.select(Participation.study).where(Participation.member == member.id)
    }
    context = {
        "consented": consented,
        "studies": studies,
        "joined": joined,
        "is_partner": await allowed(request, "core.partner"),
        "is_reviewer": await allowed(request, "studies.review"),
    }
    return await render(request, "studies/pages/index.html", context)


async def _study_for_member(request: Request[Any, Any, Any], study_id: int) -> dict[str, Any]:
    member = current_member(request)
    codes = [str(c) for c in await related(request, "profile.conditions", member.id)]
    for study in await services.approved_for(member.site, viewer_age(request), today(request), codes):
        if study["id"] == study_id:
            return study
    raise NotFoundException()


async def _join_context(request: Request[Any, Any, Any], study: dict[str, Any], error: str | None) -> dict[str, Any]:
    """What the member reads before agreeing: the purpose text in their language and every variable shared."""
    available = await study_variables(request)
    health = [available[key].label for key in study["variables"] if key in available]
    text = services.purpose_text(study, locale_of(request))
    return {"study": study, "sexes": services.SEX_ANSWERS, "error": error, "purpose": text, "health": health}


@get("/{study_id:int}/join", name="studies:join_form", opt={**LOGIN, "consent": "core.partner_studies"})
async def join_form(request: Request[Any, Any, Any], study_id: FromPath[int]) -> Response[Any]:
    study = await _study_for_member(request, study_id)
    return await render(request, "studies/pages/join.html", await _join_context(request, study, None))


@post("/{study_id:int}/join", name="studies:join", opt={**LOGIN, "consent": "core.partner_studies"})
async def join(request: Request[Any, Any, Any], study_id: FromPath[int]) -> Response[Any]:
    study = await _study_for_member(request, study_id)
    form = await read_form(request)
    sex = form.choice("sex", services.SEX_ANSWERS, required=True)
    agreed = form.checkbox("agree")
    _ = gettext_for(request).gettext
    if sex is None or not agreed:
        error = _("Tick the box to give your consent to this study, and answer the question.")
        context = await _join_context(request, study, error)
        return await render(request, "studies/pages/join.html", context, status=400)
    member = current_member(request)
    if not await services.is_participant(study_id, member.id):
        text = services.purpose_text(study, locale_of(request))
        version = await record_consent(request, extracts.purpose_of(study_id), "grant", title=study["title"], body=text)
        await services.join(study, member.id, age_band(viewer_age(request)), sex, version)
    return flash(Redirect("/studies/", status_code=303), _("You take part in this study. You can leave at any time."))


@post("/{study_id:int}/leave", name="studies:leave", opt=LOGIN)
async def leave(request: Request[Any, Any, Any], study_id: FromPath[int]) -> Response[Any]:
    """Leave in one click: the ledger records the withdrawal of this study's consent."""
    study = await Study.select().where(Study.id == study_id).output(load_json=True).first()
    if study is None:
        raise NotFoundException()
    if await services.leave(study_id, current_member(request).id):
        text = services.purpose_text(study, locale_of(request))
        await record_consent(request, extracts.purpose_of(study_id), "withdraw", title=study["title"], body=text)
    message = gettext_for(request).gettext("You left the study: later extracts will not count you.")
    return flash(Redirect("/studies/", status_code=303), message)


@get("/disclosures", name="studies:disclosures", opt=LOGIN)
async def disclosures(request: Request[Any, Any, Any]) -> Response[Any]:
    """The member's record of what was shared lives with their account: /me/disclosures."""
    return Redirect("/me/disclosures", status_code=303)


async def _new_context(
    request: Request[Any, Any, Any], values: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    sites = [s.code for s in request.app.state.entraide.sites]
    health = {key: v.label for key, v in (await study_variables(request)).items()}
    variables = {**VARIABLES, **health}
    return {"values": values, "errors": errors, "sites": sites, "variables": variables, "languages": services.LANGUAGES}


@get("/new", name="studies:new", opt=PARTNER)
async def new_form(request: Request[Any, Any, Any]) -> Response[Any]:
    values = {"site": request.scope["state"]["site"].code, "age_min": "18", "age_max": "99"}
    return await render(request, "studies/pages/new.html", await _new_context(request, values, {}))


@post("/new", name="studies:create", opt=PARTNER)
async def create(request: Request[Any, Any, Any]) -> Response[Any]:
    form = await read_form(request)
    sites = [s.code for s in request.app.state.entraide.sites]
    chosen = str(form.raw.get("site") or "")
    health = await study_variables(chosen if chosen in sites else request)
    values = services.read_study(form, sites, today=today(request), health=health)
    if values is None:
        raw = {**form.values, "variables": list(form.raw.getall("variables", []))}
        context = await _new_context(request, raw, form.errors)
        return await render(request, "studies/pages/new.html", context, status=400)
    study_id = await services.save_study(values, current_member(request).id)
    message = gettext_for(request).gettext("Study saved. An operator will review it before members can see it.")
    return flash(Redirect(f"/studies/{study_id}", status_code=303), message)


async def _own_study(request: Request[Any, Any, Any], study_id: int) -> dict[str, Any]:
    """The study for its partner, or for a reviewer; 404 for anyone else."""
    study = await Study.select().where(Study.id == study_id).output(load_json=True).first()
    if study is None:
        raise NotFoundException()
    if study["partner"] != current_member(request).id and not await allowed(request, "studies.review"):
        raise NotFoundException()
    return study  # type: ignore[no-any-return]


@get("/{study_id:int}", name="studies:study", opt=LOGIN)
async def study_page(request: Request[Any, Any, Any], study_id: FromPath[int]) -> Response[Any]:
    study = await _own_study(request, study_id)
    participants = await Participation.count().where(Participation.study == study_id)
    context = {
        "study": study,
        "extracts": await extracts.extracts_of(study_id),
        "participants": participants,
        "sexes": SEXES,
        "variables": {**VARIABLES, **{k: v.label for k, v in (await study_variables(study["site"])).items()}},
        "bin_labels": lambda edges: bin_labels(edges, formats_for(request)),
        "is_owner": study["partner"] == current_member(request).id,
        "is_reviewer": await allowed(request, "studies.review"),
        "error": None,
    }
    return await render(request, "studies/pages/study.html", context)


@post("/{study_id:int}/extracts", name="studies:extract", opt=PARTNER)
async def extract(request: Request[Any, Any, Any], study_id: FromPath[int]) -> Response[Any]:
    study = await _own_study(request, study_id)
    if study["partner"] != current_member(request).id or study["status"] != "approved":
        raise NotFoundException()
    _ = gettext_for(request).gettext
    try:
        await extracts.create_extract(study, today(request))
    except extracts.ExtractRefused as refused:
        return flash(Redirect(f"/studies/{study_id}", status_code=303), _(refused.msgid) % refused.params)
    return flash(Redirect(f"/studies/{study_id}", status_code=303), _("Extract published."))


@get("/{study_id:int}/extracts/{extract_id:int}/csv", name="studies:extract_csv", opt=LOGIN)
async def extract_csv(
    request: Request[Any, Any, Any], study_id: FromPath[int], extract_id: FromPath[int]
) -> Response[Any]:
    await _own_study(request, study_id)
    found = [e for e in await extracts.extracts_of(study_id) if e["id"] == extract_id]
    if not found:
        raise NotFoundException()
    disposition = f'attachment; filename="study-{study_id}-{found[0]["month"]}.csv"'
    body = csvfile.extract_csv(found[0]["table"])
    return Response(body, media_type="text/csv; charset=utf-8", headers={"content-disposition": disposition})


@get("/review", name="studies:review", opt=REVIEW)
async def review_list(request: Request[Any, Any, Any]) -> Response[Any]:
    rows = await Study.select().order_by(Study.id, ascending=False).output(load_json=True)
    return await render(request, "studies/pages/review.html", {"studies": rows})


@post("/{study_id:int}/review", name="studies:review_decide", opt=REVIEW)
async def review(request: Request[Any, Any, Any], study_id: FromPath[int]) -> Response[Any]:
    study = await _own_study(request, study_id)
    decision = (await request.form()).get("decision")
    if decision not in ("approved", "rejected"):
        raise NotFoundException()
    await Study.update({Study.status: decision}).where(Study.id == study_id)
    await audit(request, f"studies.study.{decision}", f"studies.study:{study_id}", {"title": study["title"]})
    message = (
        gettext_for(request).gettext("Study approved.")
        if decision == "approved"
        else gettext_for(request).gettext("Study rejected.")
    )
    return flash(Redirect(f"/studies/{study_id}", status_code=303), message)


router = Router(
    "/studies",
    route_handlers=[
        index,
        join_form,
        join,
        leave,
        disclosures,
        new_form,
        create,
        study_page,
        extract,
        extract_csv,
        review_list,
        review,
    ],
)
