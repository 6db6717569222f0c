"""Sign-up field validation: pseudonym, e-mail address, year of birth."""

from __future__ import annotations

from datetime import date

import pytest

from core.identity.validation import (
    normalise_email,
    normalise_pseudonym,
    validate_birth_year,
    validate_email,
    validate_pseudonym,
)

TODAY = date(2025, 6, 15)
EDITION_MIN_AGES = {"fr": 15, "de": 16, "uk": 13, "be": 13, "qc": 14, "ch": 16, "ma": 18, "dz": 19, "tn": 18}


@pytest.mark.parametrize(
    "name",
    ["Bob", "marie claire", "Jean-Luc_42", "dr.who", "Zoë", "Ελένη", "Саша", "محمد", "राहुल", "さくら", "  Léa  "],
)
def test_pseudonym_accepts_letters_of_any_script(name: str) -> None:
    assert validate_pseudonym(name) is None


@pytest.mark.parametrize("name", ["ab", "  ab  ", "x" * 31, ""])
def test_pseudonym_length_is_3_to_30_after_strip(name: str) -> None:
    assert validate_pseudonym(name) == "Choose a pseudonym of 3 to 30 characters."


def test_pseudonym_length_boundaries() -> None:
    assert validate_pseudonym("abc") is None
    assert validate_pseudonym("x" * 30) is None
    assert validate_pseudonym("ﬀﬀ") is None  # two ligatures become "ffff" under NFKC


@pytest.mark.parametrize("name", ["bob<script>", "smile 😀", "tab\tname", "a\u202eevil", "zero\u200bwidth", "hash#tag"])
def test_pseudonym_refuses_symbols_emoji_controls_and_invisible_characters(name: str) -> None:
    assert validate_pseudonym(name) == "Use only letters, digits, spaces and the characters _ - and ."


@pytest.mark.parametrize("name", ["marie@example", "marie.fr", "shop.COM", "visit.me now", "a.b.co"])
def test_pseudonym_refuses_email_and_website_lookalikes(name: str) -> None:
    assert validate_pseudonym(name) == "Your pseudonym must not contain an e-mail address or a website."


@pytest.mark.parametrize("name", ["marie.claire", "jean.frederic", "St. Martin", "dr.who"])
def test_pseudonym_dots_that_are_not_domains_are_fine(name: str) -> None:
    assert validate_pseudonym(name) is None


@pytest.mark.parametrize("name", ["call 0612345678", "06 12 34 56", "tel-123-456", "١٢٣٤٥٦ name"])
def test_pseudonym_refuses_phone_numbers(name: str) -> None:
    assert validate_pseudonym(name) == "Your pseudonym must not contain a phone number."


def test_pseudonym_allows_a_few_digits() -> None:
    assert validate_pseudonym("Marie 1975") is None
    assert validate_pseudonym("user12345") is None


def test_pseudonym_needs_a_letter_or_digit() -> None:
    assert validate_pseudonym("...") == "Your pseudonym must contain letters or digits."
    assert validate_pseudonym("\u0301abc") == "Your pseudonym must contain letters or digits."


def test_normalise_pseudonym_folds_case_width_and_spacing() -> None:
    assert normalise_pseudonym("  Marie   Claire ") == normalise_pseudonym("marie claire") == "marie claire"
    assert normalise_pseudonym("ＭＡＲＩＥ") == "marie"
    assert normalise_pseudonym("Straße") == normalise_pseudonym("STRASSE")
    assert normalise_pseudonym("Zoe\u0308") == normalise_pseudonym("zoë")


@pytest.mark.parametrize(
    "address",
    [
        "a@example.org",
        "Jean.Dupont+santé@Example.FR",
        "x_y-z@sub.example.co.uk",
        "élodie@exemple.fr",
        "n@xn--bcher-kva.ch",
    ],
)
def test_email_accepts_ordinary_addresses(address: str) -> None:
    assert validate_email(address) is None


@pytest.mark.parametrize(
    "address",
    [
        "",
        "plain",
        "@example.org",
        "a@",
        "a@localhost",
        "a@@example.org",
        "a b@example.org",
        ".a@example.org",
        "a.@example.org",
        "a..b@example.org",
        "a@-example.org",
        "a@example..org",
        "a@example.c",
        "a@127.0.0.1",
        '"quoted"@example.org',
        "a@exa_mple.org",
        "a\n@example.org",
        "x" * 65 + "@example.org",
    ],
)
def test_email_refuses_malformed_addresses(address: str) -> None:
    assert validate_email(address) == "Enter a valid e-mail address, like name@example.org."


def test_email_length_limit_is_254() -> None:
    local = "a" * 64
    domain = ".".join(["b" * 63, "c" * 63, "d" * 57, "org"])
    assert len(f"{local}@{domain}") == 254
    assert validate_email(f"{local}@{domain}") is None
    assert validate_email(f"{local}@x{domain}") == "This e-mail address is too long."


def test_normalise_email_is_case_insensitive() -> None:
    assert normalise_email("  Jean.Dupont@Example.ORG ") == "jean.dupont@example.org"
    assert normalise_email("a@b@EXAMPLE.org") == "a@b@example.org"
    assert normalise_email("no-at-sign ") == "no-at-sign"


@pytest.mark.parametrize("value", ["", "abcd", "90", "19900", "1990.0", "-1990", "1 990"])
def test_birth_year_must_be_four_digits(value: str) -> None:
    assert validate_birth_year(value, min_age=15, today=TODAY) == (
        None,
        "Enter your year of birth as four digits, like 1990.",
    )


def test_birth_year_accepts_other_scripts_digits_and_spaces_around() -> None:
    assert validate_birth_year(" 1990 ", min_age=15, today=TODAY) == (1990, None)
    assert validate_birth_year("١٩٩٠", min_age=18, today=TODAY) == (1990, None)


def test_birth_year_refuses_future_and_implausible_years() -> None:
    assert validate_birth_year("2026", min_age=13, today=TODAY) == (2026, "The year of birth cannot be in the future.")
    assert validate_birth_year("1904", min_age=13, today=TODAY) == (1904, "Check your year of birth.")
    assert validate_birth_year("1905", min_age=13, today=TODAY) == (1905, None)  # 120 at most


@pytest.mark.parametrize(("edition", "min_age"), sorted(EDITION_MIN_AGES.items()))
def test_birth_year_conservative_minimum_age_per_edition(edition: str, min_age: int) -> None:
    youngest_ok = TODAY.year - min_age - 1  # certainly min_age today even if born on 31 December
    assert validate_birth_year(str(youngest_ok), min_age=min_age, today=TODAY) == (youngest_ok, None)
    year, message = validate_birth_year(str(youngest_ok + 1), min_age=min_age, today=TODAY)
    assert year == youngest_ok + 1
    assert message == "You are not old enough to join this community on your own."


def test_birth_year_on_31_december_everybody_has_had_their_birthday() -> None:
    new_years_eve = date(2025, 12, 31)
    assert validate_birth_year("2010", min_age=15, today=new_years_eve) == (2010, None)
    assert validate_birth_year("2010", min_age=15, today=date(2025, 12, 30))[1] is not None
    assert validate_birth_year("2010", min_age=15, today=date(2026, 1, 1)) == (2010, None)
