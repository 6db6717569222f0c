"""Posting and managing one's ads: new, edit (photos too), renew, close, "my ads".

Only the author manages an ad; anyone else gets 404, as does a member of
another edition. A submission with any error (forbidden item, unknown
place, bad price, sixth photo, rejected image) stores nothing.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import MemberView, current_member, flash, gettext_for, locale_of, render
from plugins.classifieds import photos as photo_store
from plugins.classifieds import services
from plugins.classifieds.categories import CATEGORIES, KINDS
from plugins.classifieds.forms import LIMITS, MAX_PHOTOS, parse_ad
from plugins.classifieds.views import display, price_input

__all__ = ["ROUTES"]

LOGIN = {"login": True}
MAX_BODY = 45 * 1024 * 1024  # five photos of 8 MB and the text


def _home_member(request: Request[Any, Any, Any]) -> tuple[MemberView, Any]:
    member = current_member(request)
    site = request.scope["state"]["site"]
    if member.site != site.code:
        raise NotFoundException()
    return member, site


async def _own_ad(request: Request[Any, Any, Any], ad_id: int) -> tuple[dict[str, Any], Any]:
    """The viewer's own ad (hidden ones stay out of reach until a moderator restores them)."""
    member, site = _home_member(request)
    ad = await services.get_ad(ad_id, site.code)
    if ad is None or ad["member_id"] != member.id or ad["hidden"]:
        raise NotFoundException()
    return ad, site


async def _form(
    request: Request[Any, Any, Any], form: dict[str, Any], errors: dict[str, str], **extra: Any
) -> Response[Any]:
    site = request.scope["state"]["site"]
    context = {
        "form": form,
        "errors": errors,
        "limits": LIMITS,
        "kinds": KINDS,
        "categories": CATEGORIES,
        "currency": site.currency,
        "max_photos": MAX_PHOTOS,
        "ad": None,
        "photos": [],
        "rule": "",
        "suggestions": [],
        **extra,
    }
    return await render(request, "classifieds/pages/edit.html", context, status=400 if errors else 200)


@get("/new", name="classifieds:new", opt=LOGIN)
async def new_form(request: Request[Any, Any, Any]) -> Response[Any]:
    _home_member(request)
    return await _form(request, {"kind": "sell"}, {})


@post("/new", name="classifieds:create", opt=LOGIN, request_max_body_size=MAX_BODY)
async def create(request: Request[Any, Any, Any]) -> Response[Any]:
    member, site = _home_member(request)
    data = await request.form()
    result = parse_ad(data, site, locale_of(request))
    pictures, photo_error = await photo_store.read_uploads(data, 0)
    if photo_error:
        result.errors["photos"] = photo_error
    if result.errors or result.place is None:
        return await _form(request, result.raw, result.errors, rule=result.rule, suggestions=result.suggestions)
    ad_id = await services.create_ad(site.code, member.id, result.values, result.place)
    await photo_store.store(ad_id, pictures, 0)
    message = gettext_for(request).gettext("Your ad is online for 30 days.")
    return flash(Redirect(f"/classifieds/{ad_id}", status_code=303), message)


@get("/{ad_id:int}/edit", name="classifieds:edit", opt=LOGIN)
async def edit_form(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    ad, _ = await _own_ad(request, ad_id)
    form = {**ad, "price": price_input(ad["price_minor"], ad["currency"], locale_of(request))}
    form["place"] = f"{ad['city']} ({ad['postcode']})" if ad["postcode"] else ad["city"]
    pictures = (await services.photos_of([ad_id])).get(ad_id, [])
    return await _form(request, form, {}, ad=ad, photos=pictures)


@post("/{ad_id:int}/edit", name="classifieds:update", opt=LOGIN, request_max_body_size=MAX_BODY)
async def update(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    ad, site = await _own_ad(request, ad_id)
    data = await request.form()
    existing = (await services.photos_of([ad_id])).get(ad_id, [])
    removed = [p["id"] for p in existing if str(p["id"]) in data.getall("remove_photo", [])]
    result = parse_ad(data, site, locale_of(request))
    pictures, photo_error = await photo_store.read_uploads(data, len(existing) - len(removed))
    if photo_error:
        result.errors["photos"] = photo_error
    if result.errors or result.place is None:
        extra = {"ad": ad, "photos": existing, "rule": result.rule, "suggestions": result.suggestions}
        return await _form(request, result.raw, result.errors, **extra)
    await services.update_ad(ad_id, result.values, result.place)
    await photo_store.remove(ad_id, removed)
    start = max((p["position"] for p in existing), default=-1) + 1
    await photo_store.store(ad_id, pictures, start)
    return flash(Redirect(f"/classifieds/{ad_id}", status_code=303), gettext_for(request).gettext("Saved."))


@post("/{ad_id:int}/renew", name="classifieds:renew", opt=LOGIN)
async def renew(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    await _own_ad(request, ad_id)
    await services.renew(ad_id)
    message = gettext_for(request).gettext("Your ad is online for 30 more days.")
    return flash(Redirect("/classifieds/mine", status_code=303), message)


@post("/{ad_id:int}/close", name="classifieds:close", opt=LOGIN)
async def close(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    await _own_ad(request, ad_id)
    await services.close(ad_id)
    return flash(Redirect("/classifieds/mine", status_code=303), gettext_for(request).gettext("Your ad is closed."))


@get("/mine", name="classifieds:mine", opt=LOGIN)
async def mine(request: Request[Any, Any, Any]) -> Response[Any]:
    member, site = _home_member(request)
    locale, _ = locale_of(request), gettext_for(request).gettext
    rows = await services.mine(member.id, site.code)
    ads = [display(r, locale, _) | {"public": services.is_public(r)} for r in rows]
    return await render(request, "classifieds/pages/mine.html", {"ads": ads})


ROUTES = [new_form, create, edit_form, update, renew, close, mine]
