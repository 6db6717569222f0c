"""The offline gazetteer: names and postcodes per edition area, distances, formats."""

from __future__ import annotations

import pytest

from core.api import bounding_box, distance_km, format_distance, geocode, nearest_place, search_key, suggest_places
from core.sites import load_sites


@pytest.mark.parametrize(
    ("typed", "area", "name"),
    [
        ("lyon", "FR", "Lyon"),
        ("SAINT ETIENNE", "FR", "Saint-Étienne"),
        ("st-étienne", "FR", "Saint-Étienne"),
        ("69003", "FR", "Lyon"),
        ("Lyon (69003)", "FR", "Lyon"),
        ("genf", "CH", "Genève"),
        ("1201", "CH", "Genève"),
        ("brussel", "BE", "Bruxelles"),
        ("koeln", "DE", "Köln"),
        ("sw1a 1aa", "GB", "London"),
        ("Montreal", "CA-QC", "Montréal"),
        ("casablanca", "MA", "Casablanca"),
        ("Tunis", "TN", "Tunis"),
        ("alger", "DZ", "Alger"),
    ],
)
def test_places_are_found_however_they_are_typed(typed: str, area: str, name: str) -> None:
    place = geocode(typed, area)
    assert place is not None and place.name == name and place.area == area


def test_postcode_is_kept_on_the_place_and_in_its_label() -> None:
    place = geocode("69003", "FR")
    assert place is not None and place.postcode == "69003" and place.label == "Lyon (69003)"


def test_unknown_places_and_other_areas_find_nothing() -> None:
    assert geocode("Xyzzyville", "FR") is None
    assert geocode("Lyon", "DE") is None  # a place of another edition is not there
    assert geocode("", "FR") is None and geocode("Lyon", "ZZ") is None


def test_suggestions_by_prefix_postcode_and_close_spelling() -> None:
    assert suggest_places("ly", "FR")[0].label == "Lyon (69000)"
    assert [p.label for p in suggest_places("6900", "FR", limit=3)] == ["Lyon (69000)", "Lyon (69001)", "Lyon (69002)"]
    assert "Marseille" in [p.name for p in suggest_places("Marseile", "FR")]
    assert suggest_places("st eti", "FR")[0].name == "Saint-Étienne"


def test_distances_and_boxes() -> None:
    lyon, marseille = geocode("Lyon", "FR"), geocode("Marseille", "FR")
    assert lyon and marseille
    assert 270 < distance_km(lyon.lat, lyon.lon, marseille.lat, marseille.lon) < 280
    min_lat, max_lat, min_lon, max_lon = bounding_box(lyon.lat, lyon.lon, 20)
    assert min_lat < lyon.lat < max_lat and min_lon < lyon.lon < max_lon
    assert distance_km(lyon.lat, min_lon, lyon.lat, max_lon) == pytest.approx(40, rel=0.01)
    nearest = nearest_place(45.76, 4.83, "FR")
    assert nearest is not None and nearest.name == "Lyon"


def test_distance_formats_follow_the_locale() -> None:
    assert format_distance(3.21, "fr") == "3,2\u00a0km"
    assert format_distance(3.21, "en") == "3.2\u00a0km"
    assert format_distance(0.42, "de") == "420\u00a0m"
    assert format_distance(1234.5, "de") == "1.234\u00a0km"


def test_search_key_folds_accents_case_and_punctuation() -> None:
    assert search_key("Œuvre  d'Art — SAINT-Étienne") == "oeuvre d art saint etienne"


def test_every_edition_names_its_area_currency_and_forbidden_items() -> None:
    sites = load_sites(None, "fr")
    assert {s.code: s.country for s in sites} == {
        "fr": "FR", "be": "BE", "ch": "CH", "qc": "CA-QC", "ma": "MA", "dz": "DZ", "tn": "TN", "uk": "GB", "de": "DE",
    }  # fmt: skip
    assert sites.by_code["ch"].currency == "CHF" and sites.by_code["uk"].currency == "GBP"
    fr = sites.by_code["fr"]
    item = fr.forbidden_item("Vends boîte de XANAX", "")
    assert item is not None and "L4211-1" in item.rule
    assert fr.forbidden_item("Tensiomètre électronique", "Fauteuil roulant pliant") is None
    assert not sites.by_code["de"].default_enabled("classifieds") and fr.default_enabled("classifieds")
