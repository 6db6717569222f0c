"""Locale formats: what members of each edition read (Babel, CLDR data)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.formatting import NBSP, formats, french_typography, language_tag
from core.sites import load_sites

SITES = load_sites(None, "fr")
DAY = dt.date(2026, 12, 1)


def fmt(code: str, language: str | None = None):
    site = SITES.get(code)
    assert site is not None
    return formats(site, language)


@pytest.mark.parametrize(
    ("code", "weight", "count", "day"),
    [
        ("fr", f"72,5{NBSP}kg", "1\u202f234", "1 déc. 2026"),
        ("uk", f"72.5{NBSP}kg", "1,234", "1 Dec 2026"),
        ("de", f"72,5{NBSP}kg", "1.234", "1. Dez. 2026"),
    ],
)
def test_numbers_units_and_dates_follow_the_edition(code, weight, count, day):
    f = fmt(code)
    assert f.decimal(72.5, "kg") == weight
    assert f.decimal(72.0, "kg") == weight.replace("72,5", "72").replace("72.5", "72")
    assert f.number(1234) == count
    assert f.date(DAY) == day


def test_swiss_edition_formats_each_of_its_languages_the_swiss_way():
    assert fmt("ch", "de").number(1234) == "1’234"
    assert fmt("ch", "de").decimal(72.5) == "72.5"
    assert fmt("ch", "fr").decimal(72.5) == "72,5"


def test_decimal_rounds_to_the_asked_digits_and_never_shows_minus_zero():
    f = fmt("fr")
    assert f.decimal(23.456, digits=1) == "23,5"
    assert f.decimal(23.456, digits=2) == "23,46"
    assert f.decimal(-0.04) == "0"
    assert f.decimal(None, "kg") == ""


def test_durations_read_as_hours_and_minutes():
    assert fmt("fr").duration(450) == f"7{NBSP}h{NBSP}30"
    assert fmt("fr").duration(420) == f"7{NBSP}h"
    assert fmt("fr").duration(45) == f"45{NBSP}min"
    assert fmt("uk").duration(450) == f"7{NBSP}h{NBSP}30{NBSP}min"
    assert fmt("de").duration(465.4) == f"7{NBSP}Std.{NBSP}45{NBSP}Min."


def test_percent_spacing_differs_between_french_and_english():
    assert fmt("fr").percent(0.85) == f"85{NBSP}%"
    assert fmt("uk").percent(0.85) == "85%"


def test_times_and_datetimes_in_the_edition_time_zone():
    when = dt.datetime(2026, 12, 1, 13, 5, tzinfo=dt.UTC)
    assert fmt("fr").datetime(when, SITES.get("fr").tz) == "1 déc. 2026, 14:05"
    assert fmt("uk").time("2026-12-01T23:30:00") == "23:30"


def test_french_typography_uses_non_breaking_spaces_but_leaves_urls_alone():
    text = "Besoin d'aide ? « Oui » Langue : voir http://fr.localhost:8000/ ; merci !"
    assert french_typography(text) == (
        f"Besoin d'aide{NBSP}? «{NBSP}Oui{NBSP}» Langue{NBSP}: voir http://fr.localhost:8000/{NBSP}; merci{NBSP}!"
    )


def test_hreflang_tags_are_real_language_tags():
    tags = {site.code: language_tag(site) for site in SITES}
    assert tags == {
        "fr": "fr-FR",
        "be": "fr-BE",
        "ch": "fr-CH",
        "qc": "fr-CA",
        "ma": "fr-MA",
        "dz": "fr-DZ",
        "tn": "fr-TN",
        "uk": "en-GB",
        "de": "de-DE",
    }


def test_pages_carry_hreflang_tags_and_french_spacing(client_for):
    page = client_for("fr").get("/").text
    assert 'hreflang="fr-BE"' in page and 'hreflang="en-GB"' in page and 'hreflang="de-DE"' in page
    assert f"tout de suite{NBSP}?" in page  # "Besoin d'aide tout de suite ?" from the French catalog
    assert "tout de suite ?" not in page


def test_since_reads_as_time_ago_under_a_week_then_as_a_date():
    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    assert fmt("fr").since(now - dt.timedelta(hours=3), now=now) == "il y a 3 heures"
    assert fmt("uk").since(now - dt.timedelta(minutes=5), now=now) == "5 minutes ago"
    assert fmt("de").since(now - dt.timedelta(days=2), now=now) == "vor 2 Tagen"
    assert fmt("fr").since(now - dt.timedelta(days=30), now=now) == "1 nov. 2026"
    assert fmt("fr").since(None) == ""
