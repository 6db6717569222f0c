"""Offline gazetteer: places by name or postcode per edition area, and distances.

Lookups never touch the network: they read ``data/places.tsv.gz`` (built by
:mod:`core.gazetteer.build` from GeoNames data, licences in
``data/LICENSE.md``), loaded lazily once per area and per process. Names
match whatever accents, case or hyphens a member types ("saint etienne" finds
Saint-Étienne); postcodes match with or without spaces. Areas are ISO
countries, plus ``CA-QC`` for Québec.
"""

from __future__ import annotations

import bisect
import difflib
import gzip
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

from core.gazetteer.normalise import place_key, postcode_key

__all__ = [
    "AREAS",
    "Place",
    "bounding_box",
    "distance_km",
    "format_distance",
    "geocode",
    "nearest_place",
    "place_key",
    "suggest_places",
]

DATA = Path(__file__).parent / "data" / "places.tsv.gz"
AREAS = ("BE", "CA-QC", "CH", "DE", "DZ", "FR", "GB", "MA", "TN")
EARTH_RADIUS_KM = 6371.0088
_LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[0-9A-Za-z ]{2,8})\)\s*$")
_POSTCODE_LIKE = re.compile(r"^[0-9A-Za-z]{2,8}$")


@dataclass(frozen=True, slots=True)
class Place:
    """A place a member can search near.

    Attributes:
        name: Display name in the edition's usual language ("Genève", "Köln").
        area: Edition area, e.g. "FR" or "CA-QC".
        lat: Latitude in degrees (WGS 84).
        lon: Longitude in degrees.
        population: Inhabitants (0 for villages known only from postcodes).
        postcode: The postcode the member typed, else the place's first one ("" if none).
        approximate: Located at the centre of its postcode area, not at the village itself.
    """

    name: str
    area: str
    lat: float
    lon: float
    population: int
    postcode: str = ""
    approximate: bool = False

    @property
    def label(self) -> str:
        """What a suggestion list shows and what ``geocode`` reads back: "Lyon (69001)"."""
        return f"{self.name} ({self.postcode})" if self.postcode else self.name


@dataclass(frozen=True, slots=True)
class _Area:
    places: tuple[Place, ...]
    codes: tuple[tuple[str, ...], ...]
    by_key: dict[str, tuple[int, ...]]
    by_alternate: dict[str, tuple[int, ...]]
    by_postcode: dict[str, tuple[int, ...]]
    sorted_keys: tuple[str, ...]
    sorted_codes: tuple[str, ...]


@cache
def _rows() -> dict[str, list[str]]:
    """Lines of the data file by area (split into columns only for the areas asked for)."""
    by_area: dict[str, list[str]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            by_area.setdefault(line[: line.index("\t")], []).append(line.rstrip("\n"))
    return by_area


@cache
def _area(area: str) -> _Area:
    places, codes = [], []
    by_key: dict[str, list[int]] = {}
    by_alt: dict[str, list[int]] = {}
    by_code: dict[str, list[int]] = {}
    for i, line in enumerate(_rows().get(area, [])):
        _, name, lat, lon, pop, postcodes, alternates, flags, key = line.split("\t")
        own = tuple(postcodes.split()) if postcodes else ()
        places.append(Place(name, area, float(lat), float(lon), int(pop), own[0] if own else "", flags == "~"))
        codes.append(own)
        by_key.setdefault(key, []).append(i)  # place_key(name), computed when the file was built
        for alt in alternates.split("|") if alternates else ():
            by_alt.setdefault(alt, []).append(i)
        for code in own:
            by_code.setdefault(code, []).append(i)
    freeze = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
    return _Area(
        tuple(places), tuple(codes), freeze(by_key), freeze(by_alt), freeze(by_code),
        tuple(sorted(by_key)), tuple(sorted(by_code)),
    )  # fmt: skip


def _best(area: _Area, indexes: tuple[int, ...], postcode: str = "") -> Place:
    """Rows are stored most populous first, so the lowest index is the biggest town."""
    place = area.places[min(indexes)]
    return replace(place, postcode=postcode) if postcode else place


def _by_postcode(data: _Area, code: str, name: str = "") -> Place | None:
    key = postcode_key(code)
    found = data.by_postcode.get(key) or (data.by_postcode.get(key[:-3]) if len(key) > 4 else None)
    if not found:
        return None
    if name:
        named = tuple(i for i in found if place_key(data.places[i].name) == place_key(name))
        found = named or found
    return _best(data, found, key if key in data.by_postcode else key[:-3])


def geocode(text: str, area: str) -> Place | None:
    """The place a member means by ``text`` in ``area``, or None.

    Reads a postcode ("69003", "SW1A 1AA" uses its outward code "SW1A"), a
    name ("lyon", "Saint-Etienne", "Genf"), or a suggestion label
    ("Lyon (69003)"). Among homonyms the most populous wins; the label's
    postcode disambiguates.
    """
    text = (text or "").strip()
    if not text or area not in AREAS:
        return None
    data = _area(area)
    if match := _LABEL.match(text):
        place = _by_postcode(data, match["code"], match["name"])
        if place:
            return place
        text = match["name"]
    if _POSTCODE_LIKE.match(text.replace(" ", "")) and any(c.isdigit() for c in text):
        return _by_postcode(data, text)
    key = place_key(text)
    found = data.by_key.get(key) or data.by_alternate.get(key)
    return _best(data, found) if found else None


def suggest_places(text: str, area: str, limit: int = 8) -> list[Place]:
    """Places whose name or postcode starts with ``text`` (biggest first), else close spellings."""
    text = (text or "").strip()
    if not text or area not in AREAS:
        return []
    data = _area(area)
    found: list[Place] = []
    if any(c.isdigit() for c in text):
        prefix = postcode_key(text)
        start = bisect.bisect_left(data.sorted_codes, prefix)
        for code in data.sorted_codes[start : start + limit * 4]:
            if not code.startswith(prefix):
                break
            found.extend(replace(data.places[i], postcode=code) for i in data.by_postcode[code])
        return found[:limit]
    key = place_key(text)
    start = bisect.bisect_left(data.sorted_keys, key)
    indexes: list[int] = []
    for name_key in data.sorted_keys[start:]:
        if not name_key.startswith(key) or len(indexes) > 200:
            break
        indexes.extend(data.by_key[name_key])
    indexes.extend(data.by_alternate.get(key, ()))
    if not indexes and len(key) >= 3:
        for close in difflib.get_close_matches(key, data.sorted_keys, n=limit, cutoff=0.75):
            indexes.extend(data.by_key[close])
    seen: set[int] = set()
    return [data.places[i] for i in sorted(indexes) if not (i in seen or seen.add(i))][:limit]  # type: ignore[func-returns-value]


def nearest_place(lat: float, lon: float, area: str) -> Place | None:
    """The known town closest to a point (e.g. to name the browser's position)."""
    if area not in AREAS:
        return None
    candidates = [p for p in _area(area).places if not p.approximate]
    return min(candidates, key=lambda p: distance_km(lat, lon, p.lat, p.lon), default=None)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle: an index-friendly pre-filter."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    coslat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * coslat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def format_distance(km: float, locale: str) -> str:
    """ "3,2 km" in French, "3.2 km" in English; metres under one kilometre ("850 m")."""
    if km < 1:
        return f"{format_decimal(max(10, round(km * 1000, -1)), format='#,##0', locale=locale)}\u00a0m"
    pattern = "#,##0.0" if km < 100 else "#,##0"
    return f"{format_decimal(km, format=pattern, locale=locale)}\u00a0km"
