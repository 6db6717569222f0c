"""Kernel translations: catalogs complete, in sync with the sources, used by pages.

The catalogs live in ``core/locale/<lang>/LC_MESSAGES/messages.po`` and the
template in ``core/locale/messages.pot`` (refresh them as ``docs/i18n.md`` says).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from core.testing import post_form, text_of

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "core" / "locale"
POT = LOCALE_DIR / "messages.pot"
TRANSLATED = ("fr", "de")
LANGUAGES = (*TRANSLATED, "en")
# The command in docs/i18n.md, minus the output file.
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", "-k", "N_"]
EXTRACT_DIRS = ["core", "themes"]

# %(name)s / %(n)d (gettext, Jinja) and {name} (str.format) placeholders.
_PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|\{[A-Za-z_][A-Za-z0-9_]*\}")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def _strings(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_exists_and_matches_the_template(lang: str) -> None:
    catalog = _read(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", lang)
    assert str(catalog.locale) == lang
    assert _ids(catalog) == _ids(_read(POT)), f"{lang}: run pybabel update (docs/i18n.md)"
    assert not catalog.obsolete, f"{lang}: obsolete entries {list(catalog.obsolete)}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_not_fuzzy(lang: str) -> None:
    catalog = _read(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", lang)
    assert not catalog.fuzzy, f"{lang}: header marked fuzzy"
    messages = [m for m in catalog if m.id]
    assert len(messages) > 100
    untranslated = [m.id for m in messages if not all(s.strip() for s in _strings(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"{lang}: untranslated {untranslated}"
    assert not fuzzy, f"{lang}: fuzzy {fuzzy}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_between_msgid_and_msgstr(lang: str) -> None:
    catalog = _read(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", lang)
    problems: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        msgid = _strings(message.id)[0]
        for translation in _strings(message.string):
            if not translation:
                continue  # English falls through to the msgid
            if _placeholders(translation) != _placeholders(msgid):
                problems.append(f"{msgid!r} -> {translation!r}")
                continue
            # Jinja's newstyle gettext always %-formats: a stray "%" would crash the page.
            values = {name: 1 for name in re.findall(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)", msgid)}
            try:
                translation % values
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"{translation!r}: {exc}")
    problems += [f"{m.id!r}: {errors}" for m, errors in catalog.check()]
    assert not problems, f"{lang}:\n" + "\n".join(problems)


def test_template_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-m", "babel.messages.frontend", "-q", *EXTRACT, "-o", str(fresh), *EXTRACT_DIRS],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    current, expected = _ids(_read(POT)), _ids(_read(fresh))
    assert current == expected, (
        "core/locale/messages.pot is stale (see docs/i18n.md):"
        f"\n new in the sources: {sorted(expected - current)}\n gone from the sources: {sorted(current - expected)}"
    )


def test_pages_render_in_the_edition_language(client_for) -> None:
    fr, de, uk = client_for("fr"), client_for("de"), client_for("uk")

    page = fr.get("/signup")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    text = text_of(page.text)
    for french in ("Créer un compte", "Pseudonyme", "Adresse e-mail", "Mot de passe", "Année de naissance"):
        assert french in text
    assert "Create an account" not in text and "Year of birth" not in text
    assert "Se connecter" in text and "Créer mon compte" in text
    # The browser test fills get_by_label("Mot de passe"): exactly one label may match.
    labels = [text_of(label) for label in re.findall(r"<label\b.*?</label>", page.text, re.S)]
    assert sum("mot de passe" in label.lower() for label in labels) == 1, labels

    login = fr.get("/login")
    assert login.status_code == 200 and "Se connecter" in login.text and "Mot de passe oublié" in login.text

    page = de.get("/signup")
    assert page.status_code == 200 and '<html lang="de">' in page.text
    assert "Konto erstellen" in page.text and "Geburtsjahr" in page.text and "Create an account" not in page.text
    assert "Anmelden" in de.get("/login").text

    page = uk.get("/signup")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert "Create an account" in page.text and "Year of birth" in page.text


def test_validation_messages_are_translated_when_shown(client_for) -> None:
    fr, de = client_for("fr"), client_for("de")
    data = {"pseudonym": "x", "email": "nope", "password": "short", "birth_year": "19"}

    page = text_of(post_form(fr, "/signup", data).text)
    assert "Choisissez un pseudonyme de 3 à 30 caractères." in page
    assert "Saisissez une adresse e-mail valide" in page
    assert "Utilisez au moins 12 caractères." in page
    assert "Choose a pseudonym" not in page

    page = text_of(post_form(de, "/signup", data).text)
    assert "Wählen Sie ein Pseudonym mit 3 bis 30 Zeichen." in page
    assert "Verwenden Sie mindestens 12 Zeichen." in page
