"""Directory changes: create/edit/claim listings, verify badges, corrections and their moderation.

Verified health professionals (the kernel's verification) create or claim
their own listing; operators (permission ``directory.moderate``) create,
edit and verify any listing of their edition and accept or reject members'
corrections. Every such decision is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import N_, MemberView, allowed, audit, current_member, flash, gettext_for, locale_of, render
from plugins.directory import services
from plugins.directory.forms import LIMITS, format_phone, parse_listing
from plugins.directory.tables import Suggestion
from plugins.directory.views import display, language_choices, specialty_choices

__all__ = ["ROUTES"]

LOGIN = {"login": True}


def _home_member(request: Request[Any, Any, Any]) -> tuple[MemberView, Any]:
    """The member and edition; a member of another edition changes nothing here (404)."""
    member = current_member(request)
    site = request.scope["state"]["site"]
    if member.site != site.code:
        raise NotFoundException()
    return member, site


async def _editable(request: Request[Any, Any, Any], listing_id: int) -> tuple[dict[str, Any], bool]:
    """The listing if the viewer owns it or moderates the edition (else 404)."""
    member, site = _home_member(request)
    row = await services.get_listing(listing_id, site.code)
    moderator = await allowed(request, "directory.moderate")
    if row is None or not (moderator or row["owner_id"] == member.id):
        raise NotFoundException()
    return row, moderator


async def _form_page(
    request: Request[Any, Any, Any], form: dict[str, Any], errors: dict[str, str], **extra: Any
) -> Response[Any]:
    site = request.scope["state"]["site"]
    language = locale_of(request)
    context = {
        "form": form,
        "errors": errors,
        "limits": LIMITS,
        "specialties": specialty_choices(site.country, language),
        "languages": language_choices(language),
        **extra,
    }
    return await render(request, "directory/pages/edit.html", context, status=400 if errors else 200)


@get("/new", name="directory:new", opt=LOGIN)
async def new_form(request: Request[Any, Any, Any]) -> Response[Any]:
    member, _ = _home_member(request)
    if not (member.verified_professional or await allowed(request, "directory.moderate")):
        raise NotFoundException()
    return await _form_page(request, {"languages": []}, {}, listing=None, suggestions=[])


@post("/new", name="directory:create", opt=LOGIN)
async def create(request: Request[Any, Any, Any]) -> Response[Any]:
    member, site = _home_member(request)
    moderator = await allowed(request, "directory.moderate")
    if not (member.verified_professional or moderator):
        raise NotFoundException()
    result = parse_listing(await request.form(), site.country)
    if result.errors or result.place is None:
        return await _form_page(request, result.raw, result.errors, listing=None, suggestions=result.suggestions)
    owner = None if moderator and not member.verified_professional else member.id
    listing_id = await services.create_listing(site.code, result.values, result.place, owner_id=owner)
    await audit(request, "directory.listing.created", f"listing:{listing_id}", {"owner_id": owner})
    response = Redirect(f"/directory/{listing_id}", status_code=303)
    return flash(response, gettext_for(request).gettext("The listing is published."))


@get("/{listing_id:int}/edit", name="directory:edit", opt=LOGIN)
async def edit_form(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    row, _ = await _editable(request, listing_id)
    form = {**row, "place": f"{row['city']} ({row['postcode']})" if row["postcode"] else row["city"]}
    form["languages"] = [c for c in row["languages"].split(",") if c]
    return await _form_page(request, form, {}, listing=row, suggestions=[])


@post("/{listing_id:int}/edit", name="directory:update", opt=LOGIN)
async def update(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    row, _ = await _editable(request, listing_id)
    site = request.scope["state"]["site"]
    result = parse_listing(await request.form(), site.country)
    if result.errors or result.place is None:
        return await _form_page(request, result.raw, result.errors, listing=row, suggestions=result.suggestions)
    await services.update_listing(listing_id, result.values, result.place)
    await audit(request, "directory.listing.updated", f"listing:{listing_id}", {"fields": sorted(result.values)})
    return flash(Redirect(f"/directory/{listing_id}", status_code=303), gettext_for(request).gettext("Saved."))


@post("/{listing_id:int}/claim", name="directory:claim", opt=LOGIN)
async def claim(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    """A verified professional takes an unclaimed listing as theirs."""
    member, site = _home_member(request)
    row = await services.get_listing(listing_id, site.code)
    if row is None or not member.verified_professional or row["owner_id"] is not None:
        raise NotFoundException()
    await services.Listing.update({services.Listing.owner_id: member.id}).where(services.Listing.id == listing_id)
    await audit(request, "directory.listing.claimed", f"listing:{listing_id}", {})
    message = gettext_for(request).gettext("This listing is now yours: you can keep it up to date.")
    return flash(Redirect(f"/directory/{listing_id}", status_code=303), message)


@post("/{listing_id:int}/release", name="directory:release", opt=LOGIN)
async def release(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    member, site = _home_member(request)
    row = await services.get_listing(listing_id, site.code)
    if row is None or row["owner_id"] != member.id:
        raise NotFoundException()
    await services.Listing.update({services.Listing.owner_id: None}).where(services.Listing.id == listing_id)
    await audit(request, "directory.listing.released", f"listing:{listing_id}", {})
    return Redirect(f"/directory/{listing_id}", status_code=303)


@post("/{listing_id:int}/verify", name="directory:verify", opt=LOGIN)
async def verify(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    """Operators grant or withdraw the verified badge (details checked with the practice)."""
    _, moderator = await _editable(request, listing_id)
    if not moderator:
        raise NotFoundException()
    verified = (await request.form()).get("verified") == "1"
    await services.Listing.update({services.Listing.verified: verified}).where(services.Listing.id == listing_id)
    await audit(
        request,
        "directory.listing.verified" if verified else "directory.listing.unverified",
        f"listing:{listing_id}",
        {},
    )
    return Redirect(f"/directory/{listing_id}", status_code=303)


@get("/{listing_id:int}/suggest", name="directory:suggest_form", opt=LOGIN)
async def suggest_form(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    _, site = _home_member(request)
    row = await services.get_listing(listing_id, site.code)
    if row is None:
        raise NotFoundException()
    listing = display(row, site.country, locale_of(request))
    return await render(request, "directory/pages/suggest.html", {"listing": listing, "errors": {}, "form": {}})


@post("/{listing_id:int}/suggest", name="directory:suggest", opt=LOGIN)
async def suggest(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    member, site = _home_member(request)
    row = await services.get_listing(listing_id, site.code)
    if row is None:
        raise NotFoundException()
    data = await request.form()
    form = {k: str(data.get(k, "")).replace("\x00", "").strip() for k in ("field", "value", "note")}
    error, value = services.validate_suggestion(form["field"], form["value"], site.country)
    errors = {"value" if form["field"] in services.SUGGESTIBLE else "field": error} if error else {}
    if len(form["note"]) > LIMITS["note"]:
        errors["note"] = N_("This text is too long.")
    if errors:
        listing = display(row, site.country, locale_of(request))
        context = {"listing": listing, "errors": errors, "form": form}
        return await render(request, "directory/pages/suggest.html", context, status=400)
    await services.add_suggestion(listing_id, member.id, form["field"], value, form["note"])
    message = gettext_for(request).gettext("Thank you. An operator will check your correction.")
    return flash(Redirect(f"/directory/{listing_id}", status_code=303), message)


@get("/moderation", name="directory:moderation", opt=LOGIN)
async def moderation(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    _home_member(request)
    if not await allowed(request, "directory.moderate"):
        raise NotFoundException()
    site = request.scope["state"]["site"]
    rows, has_next = await services.pending_suggestions(site.code, page)
    listings = await services.listings_by_id([r["listing"] for r in rows])
    for row in rows:  # phones read as the country writes them, on both sides of the arrow
        if row["field"] == "phone":
            row["value"] = format_phone(row["value"], site.country)
            if row["listing"] in listings:
                listings[row["listing"]] = {
                    **listings[row["listing"]],
                    "phone": format_phone(listings[row["listing"]]["phone"], site.country),
                }
    context = {"rows": rows, "listings": listings, "page": max(page, 1), "has_next": has_next}
    return await render(request, "directory/pages/moderation.html", context)


@post("/suggestions/{suggestion_id:int}/{decision:str}", name="directory:decide", opt=LOGIN)
async def decide(
    request: Request[Any, Any, Any], suggestion_id: FromPath[int], decision: FromPath[str]
) -> Response[Any]:
    _home_member(request)
    site = request.scope["state"]["site"]
    if decision not in ("accept", "reject") or not await allowed(request, "directory.moderate"):
        raise NotFoundException()
    row = await Suggestion.select().where((Suggestion.id == suggestion_id) & (Suggestion.status == "pending")).first()
    if row is None or await services.get_listing(row["listing"], site.code) is None:
        raise NotFoundException()
    await services.decide(row, decision == "accept")
    await audit(
        request,
        f"directory.suggestion.{decision}ed",
        f"listing:{row['listing']}",
        {"field": row["field"], "suggestion": suggestion_id},
    )
    return Redirect("/directory/moderation", status_code=303)


ROUTES = [new_form, create, edit_form, update, claim, release, verify, suggest_form, suggest, moderation, decide]
