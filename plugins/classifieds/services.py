"""Ads, reports and contacts (no web framework here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from core.api import ExportFile, Place, bounding_box, distance_km, media_path, search_key
from plugins.classifieds.photos import SLUG, delete_files
from plugins.classifieds.tables import Ad, Contact, Photo, Report

__all__ = [
    "AUTO_HIDE_REPORTS",
    "LIFETIME",
    "Filters",
    "add_report",
    "browse",
    "create_ad",
    "erase_member",
    "export_member",
    "get_ad",
    "photos_of",
]

LIFETIME = timedelta(days=30)
AUTO_HIDE_REPORTS = 3
PER_PAGE = 20


def _now() -> datetime:
    return datetime.now(UTC)


def _search_text(values: dict[str, Any]) -> str:
    return search_key(f"{values.get('title', '')} {values.get('description', '')} {values.get('city', '')}")


def _located(values: dict[str, Any], place: Place) -> dict[str, Any]:
    return {**values, "city": place.name, "postcode": place.postcode, "lat": place.lat, "lon": place.lon}


async def create_ad(site: str, member_id: int, values: dict[str, Any], place: Place) -> int:
    now = _now()
    row = _located(values, place)
    ad = Ad(
        site=site,
        member_id=member_id,
        search_text=_search_text(row),
        expires_at=now + LIFETIME,
        created_at=now,
        updated_at=now,
        **row,
    )
    await ad.save()
    return int(ad.id)


async def update_ad(ad_id: int, values: dict[str, Any], place: Place) -> None:
    row = _located(values, place)
    row["search_text"] = _search_text(row)
    row["updated_at"] = _now()
    await Ad.update({getattr(Ad, k): v for k, v in row.items()}).where(Ad.id == ad_id)


async def renew(ad_id: int) -> None:
    """30 more days from now, and back in the list if it was closed by expiry."""
    await Ad.update({Ad.expires_at: _now() + LIFETIME, Ad.status: "active", Ad.updated_at: _now()}).where(
        Ad.id == ad_id
    )


async def close(ad_id: int) -> None:
    await Ad.update({Ad.status: "closed", Ad.updated_at: _now()}).where(Ad.id == ad_id)


async def get_ad(ad_id: int, site: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = await Ad.select().where((Ad.id == ad_id) & (Ad.site == site)).first()
    return row


def is_public(ad: dict[str, Any]) -> bool:
    """Listed and reachable by members: active, not hidden, not expired."""
    return ad["status"] == "active" and not ad["hidden"] and ad["expires_at"] > _now()


async def photos_of(ad_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    if ad_ids:
        for row in await Photo.select().where(Photo.ad.is_in(sorted(set(ad_ids)))).order_by(Photo.position):
            found.setdefault(row["ad"], []).append(row)
    return found


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    category: str = ""
    place: Place | None = None
    radius: int = 20
    min_price: int | None = None
    max_price: int | None = None


def _filtered(query: Any, site: str, f: Filters) -> Any:
    query = query.where(
        (Ad.site == site) & (Ad.status == "active") & (Ad.hidden == False) & (Ad.expires_at > _now())  # noqa: E712
    )
    if key := search_key(f.q):
        query = query.where(Ad.search_text.like(f"%{key}%"))
    if f.kind:
        query = query.where(Ad.kind == f.kind)
    if f.category:
        query = query.where(Ad.category == f.category)
    if f.min_price is not None:
        query = query.where(Ad.price_minor >= f.min_price)
    if f.max_price is not None:
        query = query.where(Ad.price_minor <= f.max_price)
    if f.place is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(f.place.lat, f.place.lon, f.radius)
        query = query.where((Ad.lat >= min_lat) & (Ad.lat <= max_lat) & (Ad.lon >= min_lon) & (Ad.lon <= max_lon))
    return query


async def browse(site: str, f: Filters, page: int) -> tuple[list[dict[str, Any]], int]:
    """(one page of public ads, total): nearest first near a place, else newest first."""
    page = max(1, page)
    query = _filtered(Ad.select(), site, f)
    if f.place is None:
        total = await _filtered(Ad.count(), site, f)
        rows = await query.order_by(Ad.id, ascending=False).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
        return rows, int(total)
    rows = []
    for row in await query:
        row["km"] = distance_km(f.place.lat, f.place.lon, row["lat"], row["lon"])
        if row["km"] <= f.radius:
            rows.append(row)
    rows.sort(key=lambda r: (r["km"], -r["id"]))
    return rows[(page - 1) * PER_PAGE : page * PER_PAGE], len(rows)


async def mine(member_id: int, site: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await Ad.select().where((Ad.member_id == member_id) & (Ad.site == site)).order_by(Ad.id, ascending=False)
    )
    return rows


async def add_report(ad: dict[str, Any], member_id: int, reason: str, note: str) -> bool:
    """Record a report (once per member); True when this report hid the ad."""
    if await Report.exists().where((Report.ad == ad["id"]) & (Report.member_id == member_id)):
        return False
    await Report.insert(Report(ad=ad["id"], member_id=member_id, reason=reason, note=note, created_at=_now()))
    reporters = await Report.count().where((Report.ad == ad["id"]) & (Report.status == "open"))
    if reporters >= AUTO_HIDE_REPORTS and not ad["hidden"]:
        await Ad.update({Ad.hidden: True, Ad.hidden_reason: "reports"}).where(Ad.id == ad["id"])
        return True
    return False


async def set_hidden(ad_id: int, hidden: bool) -> None:
    """Moderators hide (reports upheld) or restore (reports dismissed) an ad."""
    await Ad.update({Ad.hidden: hidden, Ad.hidden_reason: "moderator" if hidden else ""}).where(Ad.id == ad_id)
    status = "upheld" if hidden else "dismissed"
    await Report.update({Report.status: status}).where((Report.ad == ad_id) & (Report.status == "open"))


async def review_queue(site: str) -> list[dict[str, Any]]:
    """Hidden ads and ads with open reports, most reported first."""
    reported = Report.select(Report.ad).where(Report.status == "open")
    rows: list[dict[str, Any]] = await Ad.select().where(
        (Ad.site == site) & ((Ad.hidden == True) | Ad.id.is_in(reported))  # noqa: E712
    )
    reports = await Report.select().where(Report.ad.is_in([r["id"] for r in rows] or [0]))
    for row in rows:
        row["reports"] = [r for r in reports if r["ad"] == row["id"]]
    rows.sort(key=lambda r: (-sum(x["status"] == "open" for x in r["reports"]), -r["id"]))
    return rows


async def recent_contacts(member_id: int, since: timedelta) -> int:
    return int(await Contact.count().where((Contact.member_id == member_id) & (Contact.created_at > _now() - since)))


async def record_contact(ad_id: int, member_id: int) -> None:
    await Contact.insert(Contact(ad=ad_id, member_id=member_id, created_at=_now()))


async def export_member(member_id: int) -> dict[str, Any]:
    """The member's ads (photos as files in the zip), reports and contact requests."""
    ads = await Ad.select(*Ad.all_columns(exclude=[Ad.search_text])).where(Ad.member_id == member_id)
    photos = await photos_of([a["id"] for a in ads])
    files = []
    for ad in ads:
        for p in photos.get(ad["id"], []):
            files.append(
                {
                    "ad": ad["id"],
                    "position": p["position"],
                    "file": ExportFile(f"{SLUG}/{p['file']}", media_path(SLUG, p["file"])),
                }
            )
    reports = await Report.select(Report.ad, Report.reason, Report.note, Report.status, Report.created_at).where(
        Report.member_id == member_id
    )
    contacts = await Contact.select(Contact.ad, Contact.created_at).where(Contact.member_id == member_id)
    return {"ads": ads, "photos": files, "reports": reports, "contacts": contacts}


async def erase_member(member_id: int) -> None:
    """Ads with their photos (files too), reports about them, the member's reports and contacts."""
    ad_ids = [r["id"] for r in await Ad.select(Ad.id).where(Ad.member_id == member_id)]
    if ad_ids:
        rows = await Photo.select().where(Photo.ad.is_in(ad_ids))
        await Photo.delete().where(Photo.ad.is_in(ad_ids))
        await Report.delete().where(Report.ad.is_in(ad_ids))
        await Contact.delete().where(Contact.ad.is_in(ad_ids))
        await Ad.delete().where(Ad.id.is_in(ad_ids))
        delete_files(rows)
    await Report.delete().where(Report.member_id == member_id)
    await Contact.delete().where(Contact.member_id == member_id)
