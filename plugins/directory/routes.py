"""Directory pages: search near a place (shareable URL), place suggestions, listing page."""

from __future__ import annotations

import re
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery

from core.api import Place, allowed, geocode, locale_of, nearest_place, render, suggest_places, viewer
from plugins.directory import services
from plugins.directory.search import RADII, search
from plugins.directory.views import display, specialty_choices

__all__ = ["ROUTES", "build_router", "listing_page", "place_options", "resolve_near", "search_page"]

_POSITION = re.compile(r"^@(-?\d{1,2}(?:\.\d{1,6})?),(-?\d{1,3}(?:\.\d{1,6})?)$")
MAX_QUERY = 80


def resolve_near(near: str, country: str) -> tuple[Place | None, str]:
    """The place a ``near`` parameter means, and how to name it on the page.

    ``near`` is what the member typed ("Lyon", "69003") or the browser's
    position as ``@lat,lon`` (rounded by the script to about 100 m); a
    position is named after the closest known town.
    """
    near = near.strip()[:MAX_QUERY]
    if match := _POSITION.match(near):
        lat, lon = float(match[1]), float(match[2])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None, near
        town = nearest_place(lat, lon, country)
        place = Place(town.name if town else near, country, lat, lon, 0)
        return place, town.name if town else near
    found = geocode(near, country) if near else None
    return found, found.label if found else near


@get("/", name="directory:search")
async def search_page(
    request: Request[Any, Any, Any],
    q: FromQuery[str] = "",
    near: FromQuery[str] = "",
    radius: FromQuery[int] = 20,
    page: FromQuery[int] = 1,
) -> Response[Any]:
    site = request.scope["state"]["site"]
    language = locale_of(request)
    q = q.strip()[:MAX_QUERY]
    radius = radius if radius in RADII else 20
    place, near_label = resolve_near(near, site.country)
    unknown = bool(near.strip()) and place is None
    results = None if unknown else await search(site.code, site.country, q, place, radius, min(max(page, 1), 500))
    context = {
        "q": q,
        "near": near.strip()[:MAX_QUERY],
        "near_label": near_label,
        "place": place,
        "radius": radius,
        "radii": RADII,
        "unknown_place": unknown,
        "suggestions": suggest_places(near, site.country, limit=5) if unknown else [],
        "results": results,
        "rows": [display(r, site.country, language) for r in results.rows] if results else [],
        "specialties": specialty_choices(site.country, language),
        "can_create": await _can_create(request),
        "moderator": await allowed(request, "directory.moderate"),
    }
    return await render(request, "directory/pages/search.html", context)


async def _can_create(request: Request[Any, Any, Any]) -> bool:
    member = viewer(request)
    if member is None:
        return False
    return member.verified_professional or await allowed(request, "directory.moderate")


@get("/places", name="directory:places")
async def place_options(
    request: Request[Any, Any, Any], near: FromQuery[str] = "", place: FromQuery[str] = ""
) -> Response[Any]:
    """``<option>``s for a place field's datalist (HTMX, as the member types)."""
    site = request.scope["state"]["site"]
    typed = (near or place).strip()[:MAX_QUERY]
    places = suggest_places(typed, site.country, limit=8) if len(typed) >= 2 else []
    return await render(request, "directory/fragments/_place_options.html", {"places": places})


@get("/{listing_id:int}", name="directory:listing")
async def listing_page(request: Request[Any, Any, Any], listing_id: FromPath[int]) -> Response[Any]:
    site = request.scope["state"]["site"]
    row = await services.get_listing(listing_id, site.code)
    if row is None:
        raise NotFoundException()
    member = viewer(request)
    moderator = await allowed(request, "directory.moderate")
    context = {
        "listing": display(row, site.country, locale_of(request)),
        "is_owner": member is not None and row["owner_id"] == member.id,
        "can_claim": member is not None and member.verified_professional and row["owner_id"] is None,
        "moderator": moderator,
        "can_suggest": member is not None and member.site == site.code,
    }
    return await render(request, "directory/pages/listing.html", context)


ROUTES = [search_page, place_options, listing_page]


def build_router() -> Any:
    """One router under ``/directory`` (core adds the per-edition 404 guard)."""
    from litestar import Router

    from plugins.directory.manage import ROUTES as MANAGE

    return Router(path="/directory", route_handlers=[*MANAGE, *ROUTES])
