"""Directory search: keyword near a place, sorted by distance, paginated.

A bounding box on the indexed ``(site, lat, lon)`` columns keeps only the
listings that can be within the radius; exact great-circle distances are
then computed for those few rows only. No full scan: see
``bench/directory.py`` (100,000 listings).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.api import Place, bounding_box, distance_km, search_key
from plugins.directory.specialties import matching_codes
from plugins.directory.tables import Listing

__all__ = ["RADII", "Results", "search"]

RADII = (5, 10, 20, 50, 100)
COLUMNS = (
    Listing.id,
    Listing.name,
    Listing.specialty,
    Listing.address,
    Listing.postcode,
    Listing.city,
    Listing.lat,
    Listing.lon,
    Listing.phone,
    Listing.website,
    Listing.languages,
    Listing.wheelchair,
    Listing.hearing_loop,
    Listing.online_booking,
    Listing.video_consultation,
    Listing.verified,
    Listing.owner_id,
)


@dataclass(frozen=True)
class Results:
    """One page of results and how many there are in total."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _keyword(query: Any, q: str, country: str) -> Any:
    key = search_key(q)
    if not key:
        return query
    codes = matching_codes(q, country)
    condition: Any = Listing.search_text.like(f"%{key}%")
    if codes:
        condition = condition | Listing.specialty.is_in(sorted(codes))
    return query.where(condition)


async def search(
    site: str, country: str, q: str, place: Place | None, radius_km: float, page: int, per_page: int = 20
) -> Results:
    """Listings of ``site`` matching ``q``; near ``place`` (by distance) or alphabetical."""
    page = max(1, page)
    query = _keyword(Listing.select(*COLUMNS).where(Listing.site == site), q, country)
    if place is None:
        total = await _keyword(Listing.count().where(Listing.site == site), q, country)
        rows = await query.order_by(Listing.name).limit(per_page).offset((page - 1) * per_page)
        return Results(rows, int(total), page, per_page)
    min_lat, max_lat, min_lon, max_lon = bounding_box(place.lat, place.lon, radius_km)
    query = query.where(
        (Listing.lat >= min_lat) & (Listing.lat <= max_lat) & (Listing.lon >= min_lon) & (Listing.lon <= max_lon)
    )
    found = []
    for row in await query:
        km = distance_km(place.lat, place.lon, row["lat"], row["lon"])
        if km <= radius_km:
            row["km"] = km
            found.append(row)
    found.sort(key=lambda r: (r["km"], r["name"]))
    start = (page - 1) * per_page
    return Results(found[start : start + per_page], len(found), page, per_page)
