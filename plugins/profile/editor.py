"""The member's own profile: ``/profile/`` and the forms that change it.

Health fields need the ``core.health_data`` consent (route option: core shows
why and offers the one-click grant). Every refused change re-renders the
page with status 400, the reason next to the form, and stores nothing.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import N_, current_member, flash, gettext_for, locale_of, render, today
from plugins.profile import services
from plugins.profile.announce import announce
from plugins.profile.fields import BIO_MAX, VISIBILITIES, check_since, check_treatment, check_visibility
from plugins.profile.vocabulary import vocabulary

__all__ = ["EDITOR_ROUTES", "editor_page"]

OPT = {"consent": "core.health_data"}
CODED = ("condition", "symptom")
PLURAL = {"condition": "conditions", "symptom": "symptoms", "treatment": "treatments"}


async def editor_page(
    request: Request[Any, Any, Any], errors: dict[str, str] | None = None, values: dict[str, str] | None = None
) -> Response[Any]:
    """The editor; with ``errors`` (form id → message id) it answers 400."""
    me = current_member(request)
    data = await services.load(me.id)
    context = {
        "data": data,
        "vocab": vocabulary(),
        "visibilities": VISIBILITIES,
        "errors": errors or {},
        "values": values or {},
        "bio_max": BIO_MAX,
    }
    return await render(request, "profile/pages/edit.html", context, status=400 if errors else 200)


@get("/", name="profile:edit", opt=OPT)
async def edit(request: Request[Any, Any, Any]) -> Response[Any]:
    return await editor_page(request)


def _kind(plural: str) -> str:
    for kind, name in PLURAL.items():
        if name == plural:
            return kind
    raise NotFoundException()


def _common(form: Any, request: Request[Any, Any, Any]) -> tuple[str, str, str | None]:
    """(since, visibility, first problem) from an item form."""
    since = str(form.get("since") or "").strip()[:10]
    visibility = str(form.get("visibility") or "me")
    problem = check_visibility(visibility) or check_since(since, today(request))
    return since, visibility, problem


def _done(request: Request[Any, Any, Any], message: str, anchor: str) -> Response[Any]:
    return flash(Redirect(f"/profile/#{anchor}", status_code=303), message)


@post("/me/{plural:str}/add", name="profile:add", opt=OPT)
async def add(request: Request[Any, Any, Any], plural: FromPath[str]) -> Response[Any]:
    """Add a condition or symptom (``code``) or a treatment (``name``), with since and visibility."""
    kind = _kind(plural)
    me = current_member(request)
    form = await request.form()
    _ = gettext_for(request).gettext
    since, visibility, problem = _common(form, request)
    form_id = f"{kind}-add"
    if kind == "treatment":
        name = " ".join(str(form.get("name") or "").split())
        problem = check_treatment(name) or problem
        if problem is None and not await services.add_treatment(me.id, name, since or None, visibility):
            problem = N_("This treatment is already in your profile.")
        if problem:
            return await editor_page(request, {form_id: problem}, {"name": name[:200], "since": since})
        return _done(request, _("Treatment added."), "treatments")
    concept = vocabulary().get(str(form.get("code") or "")[:10], kind)
    if concept is None:
        problem = N_("This code is not in our list. Search for the condition and pick it from the results.")
    elif problem is None and not await services.add_coded(me.id, kind, concept.code, since or None, visibility):
        problem = N_("This is already in your profile.")
    if problem or concept is None:
        return await editor_page(request, {form_id: problem or ""}, {"since": since})
    await announce(request, me.id)
    message = _("%(name)s added to your profile.") % {"name": concept.label(locale_of(request))}
    return _done(request, message, PLURAL[kind])


@post("/me/{plural:str}/{item_id:int}/update", name="profile:update", opt=OPT)
async def update(request: Request[Any, Any, Any], plural: FromPath[str], item_id: FromPath[int]) -> Response[Any]:
    kind = _kind(plural)
    me = current_member(request)
    form = await request.form()
    since, visibility, problem = _common(form, request)
    if problem:
        if not any(i.id == item_id for i in (await services.load(me.id)).items(kind)):
            raise NotFoundException()
        return await editor_page(request, {f"{kind}-{item_id}": problem}, {f"since-{kind}-{item_id}": since})
    item = await services.update_item(me.id, kind, item_id, since or None, visibility)
    if item is None:
        raise NotFoundException()
    if kind in CODED:
        await announce(request, me.id)
    return _done(request, gettext_for(request).gettext("Saved."), f"{kind}-{item_id}")


@post("/me/{plural:str}/{item_id:int}/delete", name="profile:delete", opt=OPT)
async def delete(request: Request[Any, Any, Any], plural: FromPath[str], item_id: FromPath[int]) -> Response[Any]:
    kind = _kind(plural)
    me = current_member(request)
    if await services.delete_item(me.id, kind, item_id) is None:
        raise NotFoundException()
    if kind in CODED:
        await announce(request, me.id)
    return _done(request, gettext_for(request).gettext("Removed from your profile."), PLURAL[kind])


@post("/me/bio", name="profile:bio", opt=OPT)
async def bio(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    form = await request.form()
    text = str(form.get("bio") or "").replace("\r\n", "\n").strip()
    visibility = str(form.get("visibility") or "me")
    problem = check_visibility(visibility)
    if len(text) > BIO_MAX:
        problem = N_("Keep your presentation under 2000 characters.")
    if problem:
        return await editor_page(request, {"bio": problem}, {"bio": text[: BIO_MAX * 2]})
    await services.save_bio(me.id, text, visibility)
    return _done(request, gettext_for(request).gettext("Saved."), "bio")


EDITOR_ROUTES = [edit, add, update, delete, bio]
