"""Classifieds pages: browse and search (shareable URL), an ad, its photos, place suggestions."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import File

from core.api import (
    allowed,
    geocode,
    gettext_for,
    locale_of,
    media_path,
    render,
    render_markdown,
    suggest_places,
    viewer,
)
from plugins.classifieds import services
from plugins.classifieds.categories import CATEGORIES, KINDS, REPORT_REASONS
from plugins.classifieds.forms import parse_price
from plugins.classifieds.services import PER_PAGE, Filters
from plugins.classifieds.views import display

__all__ = ["build_router"]

RADII = (5, 10, 20, 50, 100)
MAX_QUERY = 80


@get("/", name="classifieds:browse")
async def browse(
    request: Request[Any, Any, Any],
    q: FromQuery[str] = "",
    kind: FromQuery[str] = "",
    category: FromQuery[str] = "",
    near: FromQuery[str] = "",
    radius: FromQuery[int] = 20,
    min_price: FromQuery[str] = "",
    max_price: FromQuery[str] = "",
    page: FromQuery[int] = 1,
) -> Response[Any]:
    site = request.scope["state"]["site"]
    locale = locale_of(request)
    _ = gettext_for(request).gettext
    near = near.strip()[:MAX_QUERY]
    place = geocode(near, site.country) if near else None
    low, low_error = parse_price(min_price.strip()[:20], site.currency, locale)
    high, high_error = parse_price(max_price.strip()[:20], site.currency, locale)
    filters = Filters(
        q=q.strip()[:MAX_QUERY],
        kind=kind if kind in KINDS else "",
        category=category if category in CATEGORIES else "",
        place=place,
        radius=radius if radius in RADII else 20,
        min_price=low,
        max_price=high,
    )
    unknown = bool(near) and place is None
    rows, total = ([], 0) if unknown else await services.browse(site.code, filters, min(max(page, 1), 500))
    photos = await services.photos_of([r["id"] for r in rows])
    context = {
        "f": filters,
        "near": near,
        "min_price": min_price.strip()[:20],
        "max_price": max_price.strip()[:20],
        "price_error": low_error or high_error,
        "unknown_place": unknown,
        "suggestions": suggest_places(near, site.country, limit=5) if unknown else [],
        "rows": [display(r, locale, _) | {"photo": next(iter(photos.get(r["id"], [])), None)} for r in rows],
        "total": total,
        "page": max(page, 1),
        "pages": max(1, -(-total // PER_PAGE)),
        "kinds": KINDS,
        "categories": CATEGORIES,
        "radii": RADII,
        "moderator": await allowed(request, "classifieds.moderate"),
    }
    return await render(request, "classifieds/pages/browse.html", context)


async def visible_ad(request: Request[Any, Any, Any], ad_id: int) -> dict[str, Any]:
    """The ad if this viewer may see it: public, or to its author while not hidden, or to moderators."""
    site = request.scope["state"]["site"]
    ad = await services.get_ad(ad_id, site.code)
    if ad is None:
        raise NotFoundException()
    if services.is_public(ad) or await allowed(request, "classifieds.moderate"):
        return ad
    member = viewer(request)
    if member is not None and member.id == ad["member_id"] and not ad["hidden"]:
        return ad
    raise NotFoundException()


@get("/{ad_id:int}", name="classifieds:ad")
async def ad_page(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    ad = await visible_ad(request, ad_id)
    member = viewer(request)
    enabled = request.scope["state"].get("enabled", frozenset())
    context = {
        "ad": display(ad, locale_of(request), gettext_for(request).gettext),
        "description": render_markdown(ad["description"]),
        "photos": (await services.photos_of([ad_id])).get(ad_id, []),
        "is_author": member is not None and member.id == ad["member_id"],
        "public": services.is_public(ad),
        "messages_enabled": "messages" in enabled,
        "author": await _pseudonym(ad["member_id"]),
        "reasons": REPORT_REASONS,
        "moderator": await allowed(request, "classifieds.moderate"),
    }
    return await render(request, "classifieds/pages/ad.html", context)


async def _pseudonym(member_id: int) -> str:
    from core.api import get_member

    author = await get_member(member_id)
    return author.pseudonym if author else ""


@get("/photos/{ad_id:int}/{name:str}", name="classifieds:photo")
async def photo(request: Request[Any, Any, Any], ad_id: FromPath[int], name: FromPath[str]) -> File:
    """A photo, only for those who may see its ad (files are never served directly)."""
    await visible_ad(request, ad_id)
    photos = (await services.photos_of([ad_id])).get(ad_id, [])
    if not any(name in (p["file"], p["thumb"]) for p in photos):
        raise NotFoundException()
    path = media_path("classifieds", name)
    if not path.exists():
        raise NotFoundException()
    media_type = "image/webp" if name.endswith(".webp") else "image/png"
    return File(
        path=path,
        media_type=media_type,
        content_disposition_type="inline",
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@get("/places", name="classifieds:places")
async def place_options(
    request: Request[Any, Any, Any], near: FromQuery[str] = "", place: FromQuery[str] = ""
) -> Response[Any]:
    site = request.scope["state"]["site"]
    typed = (near or place).strip()[:MAX_QUERY]
    places = suggest_places(typed, site.country, limit=8) if len(typed) >= 2 else []
    return await render(request, "classifieds/fragments/_place_options.html", {"places": places})


def build_router() -> Router:
    from plugins.classifieds.manage import ROUTES as MANAGE
    from plugins.classifieds.moderation import ROUTES as MODERATION

    handlers = [*MANAGE, *MODERATION, browse, ad_page, photo, place_options]
    return Router(path="/classifieds", route_handlers=handlers)
