"""Listings, claims and correction suggestions (no web framework here)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from core.api import N_, Place, search_key
from plugins.directory.forms import parse_phone
from plugins.directory.specialties import SPECIALTIES
from plugins.directory.tables import Listing, Suggestion

__all__ = [
    "SUGGESTIBLE",
    "add_suggestion",
    "apply_suggestion",
    "create_listing",
    "decide",
    "erase_member",
    "export_member",
    "get_listing",
    "listings_by_id",
    "pending_suggestions",
    "search_text",
    "update_listing",
    "validate_suggestion",
]

#: Fields members may propose a correction for.
SUGGESTIBLE = ("name", "address", "phone", "website", "hours", "closed")


def search_text(name: str, specialty: str, city: str, postcode: str) -> str:
    """Folded words keyword search looks in (every language's specialty label)."""
    labels = SPECIALTIES[specialty].labels.values() if specialty in SPECIALTIES else ()
    return " ".join(search_key(part) for part in (name, *labels, city, postcode) if part)


def _located(values: dict[str, Any], place: Place, jitter_km: float = 0.0, rng: random.Random | None = None) -> None:
    lat, lon = place.lat, place.lon
    if jitter_km and rng:
        lat += rng.uniform(-jitter_km, jitter_km) / 111.0
        lon += rng.uniform(-jitter_km, jitter_km) / 75.0
    values.update(city=place.name, postcode=place.postcode, lat=round(lat, 5), lon=round(lon, 5))


async def create_listing(
    site: str, values: dict[str, Any], place: Place, *, owner_id: int | None = None, verified: bool = False
) -> int:
    now = datetime.now(UTC)
    row = dict(values)
    _located(row, place)
    row["search_text"] = search_text(row["name"], row["specialty"], row["city"], row["postcode"])
    listing = Listing(site=site, owner_id=owner_id, verified=verified, created_at=now, updated_at=now, **row)
    await listing.save()
    return int(listing.id)


async def update_listing(listing_id: int, values: dict[str, Any], place: Place | None) -> None:
    row = dict(values)
    if place is not None:
        _located(row, place)
    current = await get_listing(listing_id)
    if current is None:
        return
    merged = {**current, **row}
    row["search_text"] = search_text(merged["name"], merged["specialty"], merged["city"], merged["postcode"])
    row["updated_at"] = datetime.now(UTC)
    await Listing.update({getattr(Listing, k): v for k, v in row.items()}).where(Listing.id == listing_id)


async def get_listing(listing_id: int, site: str | None = None) -> dict[str, Any] | None:
    query = Listing.select().where(Listing.id == listing_id)
    if site is not None:
        query = query.where(Listing.site == site)
    row: dict[str, Any] | None = await query.first()
    return row


async def pending_suggestions(site: str, page: int, per_page: int = 20) -> tuple[list[dict[str, Any]], bool]:
    """Pending corrections of the edition's listings, oldest first (and whether more follow)."""
    ids = Listing.select(Listing.id).where(Listing.site == site)
    rows = (
        await Suggestion.select()
        .where((Suggestion.status == "pending") & Suggestion.listing.is_in(ids))
        .order_by(Suggestion.id)
        .limit(per_page + 1)
        .offset((max(page, 1) - 1) * per_page)
    )
    return rows[:per_page], len(rows) > per_page


def validate_suggestion(field: str, value: str, country: str) -> tuple[str | None, str]:
    """(error msgid or None, normalised value) for a proposed correction."""
    if field not in SUGGESTIBLE:
        return N_("Choose what should be corrected."), value
    if field == "closed":
        return None, "1"
    if not value:
        return N_("Enter the correct information."), value
    if field == "phone":
        phone = parse_phone(value, country)
        return (None, phone) if phone else (N_("This phone number is not valid for this country."), value)
    limit = {"name": 120, "address": 200, "website": 200, "hours": 500}[field]
    if len(value) > limit:
        return N_("This text is too long."), value
    return None, value


async def add_suggestion(listing_id: int, member_id: int, field: str, value: str, note: str) -> None:
    await Suggestion.insert(
        Suggestion(
            listing=listing_id, member_id=member_id, field=field, value=value, note=note, created_at=datetime.now(UTC)
        )
    )


async def listings_by_id(ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = await Listing.select().where(Listing.id.is_in(sorted(set(ids))))
    return {row["id"]: row for row in rows}


async def decide(suggestion: dict[str, Any], accept: bool) -> None:
    """Accept (apply) or reject a pending correction."""
    status = "accepted" if accept else "rejected"
    await Suggestion.update({Suggestion.status: status, Suggestion.decided_at: datetime.now(UTC)}).where(
        Suggestion.id == suggestion["id"]
    )
    if accept:
        await apply_suggestion(suggestion)


async def apply_suggestion(suggestion: dict[str, Any]) -> None:
    """Apply an accepted correction ("closed" removes the listing)."""
    if suggestion["field"] == "closed":
        await Listing.delete().where(Listing.id == suggestion["listing"])
    else:
        await update_listing(suggestion["listing"], {suggestion["field"]: suggestion["value"]}, None)


async def export_member(member_id: int) -> dict[str, Any]:
    claimed = await Listing.select(
        Listing.id, Listing.site, Listing.name, Listing.specialty, Listing.city, Listing.updated_at
    ).where(Listing.owner_id == member_id)
    suggestions = await Suggestion.select(
        Suggestion.listing,
        Suggestion.field,
        Suggestion.value,
        Suggestion.note,
        Suggestion.status,
        Suggestion.created_at,
        Suggestion.decided_at,
    ).where(Suggestion.member_id == member_id)
    return {"claimed_listings": claimed, "correction_suggestions": suggestions}


async def erase_member(member_id: int) -> None:
    """Suggestions go; claimed listings stay, unclaimed (they describe a practice, not the member)."""
    await Suggestion.delete().where(Suggestion.member_id == member_id)
    await Listing.update({Listing.owner_id: None}).where(Listing.owner_id == member_id)
