"""Translations: catalogs complete, in sync with the sources, used by pages.

The kernel's catalog (``core/locale``, extracted from ``core`` and
``themes``) and every bundled plugin's (``plugins/<slug>/locale``). Each has a
``messages.pot`` template and ``<lang>/LC_MESSAGES/messages.po`` catalogs
(refresh them as ``docs/i18n.md`` says).
"""

from __future__ import annotations

import ast
import itertools
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from core.i18n_extract import message_msgids
from core.testing import login, make_member, post_form, text_of
from core.trackers import Tracker

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("fr", "de")
LANGUAGES = (*TRANSLATED, "en")
# The commands in docs/i18n.md, minus the output file: catalog -> (locale folder, source folders).
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", "-k", "N_"]
CATALOGS = {
    "core": (ROOT / "core" / "locale", ["core", "themes"]),
    # Every bundled plugin that ships catalogs (plugins/<slug>/locale).
    **{
        path.parent.name: (path, [f"plugins/{path.parent.name}"])
        for path in sorted((ROOT / "plugins").glob("*/locale"))
        if path.is_dir()
    },
}
PLUGIN_CATALOGS = [name for name in CATALOGS if name != "core"]
CATALOG_LANGUAGES = [(name, lang) for name in CATALOGS for lang in LANGUAGES]
CATALOG_TRANSLATED = [(name, lang) for name in CATALOGS for lang in TRANSLATED]

# %(name)s / %(n)d (gettext, Jinja) and {name} (str.format) placeholders.
_PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|\{[A-Za-z_][A-Za-z0-9_]*\}")
_PERCENT_NAME = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)")
_BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _po(name: str, lang: str) -> Catalog:
    return _read(CATALOGS[name][0] / lang / "LC_MESSAGES" / "messages.po", lang)


def _pot(name: str) -> Catalog:
    return _read(CATALOGS[name][0] / "messages.pot")


def _ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def _strings(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text))


def _brace_only(msgid: str) -> bool:
    return bool(_BRACE.search(msgid)) and not _PERCENT_NAME.search(msgid)


@pytest.mark.parametrize(("name", "lang"), CATALOG_LANGUAGES)
def test_catalog_exists_and_matches_the_template(name: str, lang: str) -> None:
    catalog = _po(name, lang)
    assert str(catalog.locale) == lang
    assert _ids(catalog) == _ids(_pot(name)), f"{name}/{lang}: run pybabel update (docs/i18n.md)"
    assert not catalog.obsolete, f"{name}/{lang}: obsolete entries {list(catalog.obsolete)}"


@pytest.mark.parametrize(("name", "lang"), CATALOG_TRANSLATED)
def test_every_message_is_translated_and_not_fuzzy(name: str, lang: str) -> None:
    catalog = _po(name, lang)
    assert not catalog.fuzzy, f"{name}/{lang}: header marked fuzzy"
    messages = [m for m in catalog if m.id]
    assert len(messages) > 20, f"{name}/{lang}: suspiciously few messages"
    off = _not_shipped(name, lang)
    untranslated = [m.id for m in messages if not all(s.strip() for s in _strings(m.string)) and m.id not in off]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"{name}/{lang}: untranslated {untranslated}"
    assert not fuzzy, f"{name}/{lang}: fuzzy {fuzzy}"
    gists = [m.id for m in messages if m.id in off and any(s.strip() for s in _strings(m.string))]
    assert not gists, f"{name}/{lang}: questionnaire off in {lang} but translated (unvalidated?) {gists}"


def _not_shipped(name: str, lang: str) -> set[str]:
    """Questionnaire texts that must stay untranslated: no validated wording is shipped in ``lang``."""
    if name != "healthbox":
        return set()
    from plugins.healthbox.i18n_policy import not_shipped

    return not_shipped(lang)


@pytest.mark.parametrize(("name", "lang"), CATALOG_LANGUAGES)
def test_placeholders_match_between_msgid_and_msgstr(name: str, lang: str) -> None:
    catalog = _po(name, lang)
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
            # %-formatting happens only with variables (Python code and _() in templates alike):
            # then a stray "%" would crash the page; without variables "%%" would show as is.
            values = {key: 1 for key in _PERCENT_NAME.findall(msgid)}
            if not values:
                if "%%" in translation:
                    problems.append(f"{translation!r}: '%%' in a message without variables")
                continue
            try:
                translation % values
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"{translation!r}: {exc}")
    # Brace-only messages (Message.render) are never %-formatted: skip Babel's python-format check,
    # which mistakes "{share} % of" for a "% o" conversion.
    problems += [f"{m.id!r}: {errors}" for m, errors in catalog.check() if not _brace_only(_strings(m.id)[0])]
    assert not problems, f"{name}/{lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", CATALOGS)
def test_template_is_up_to_date_with_the_sources(name: str, tmp_path: Path) -> None:
    locale_dir, sources = CATALOGS[name]
    fresh = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-m", "babel.messages.frontend", "-q", *EXTRACT, "-o", str(fresh), *sources],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    current, expected = _ids(_pot(name)), _ids(_read(fresh))
    assert current == expected, (
        f"{locale_dir.relative_to(ROOT)}/messages.pot is stale (see docs/i18n.md):"
        f"\n new in the sources: {sorted(expected - current)}\n gone from the sources: {sorted(current - expected)}"
    )


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in PLUGIN_CATALOGS for lang in TRANSLATED])
def test_plugin_does_not_retranslate_core_messages(name: str, lang: str) -> None:
    """Catalogs are merged with the plugin winning: a shared msgid must read the same."""
    core = {m.id: m.string for m in _po("core", lang) if m.id}
    differ = [(m.id, m.string, core[m.id]) for m in _po(name, lang) if m.id in core and m.string != core[m.id]]
    assert not differ, f"{lang}: plugin and core disagree: {differ}"


def _declared(tracker: Tracker) -> Iterator[str]:
    """Every text a tracker declaration shows, found without the extractor."""
    yield from (tracker.name, tracker.description, tracker.not_validated_note or "")
    for metric in tracker.metrics:
        yield from (metric.label, metric.help, *(c.label for c in metric.choices))
    for derived in tracker.derived:
        yield from (derived.label, *(b.label for b in derived.bands))
    if tracker.chart:
        yield tracker.chart.y_label
    for q in tracker.questionnaires:
        yield from (q.title, q.licence_note, q.bands_note or "", *(b.label for b in q.bands))
        for item in q.items:
            yield from (item.text, *(c.label for c in item.choices))
        for derived in q.derived:
            yield from (derived.label, *(b.label for b in derived.bands))


def _returned_texts() -> Iterator[str]:
    """Plain strings the built-in trackers return for summaries.py to translate."""
    from datetime import date, timedelta

    from plugins.healthbox.trackers import activity, feeling, food, tobacco, weight

    for kg in (40, 48, 50, 55, 70, 85, 100, 115, 130):
        yield from filter(None, (weight.bmi_summary(kg, 170).category, weight.bmi_summary(kg, 170).prompt))
    yield from filter(None, (weight.bmi_summary(70, 170, age=15).note, weight.bmi_summary(70, 170, pregnant=True).note))
    today = date(2024, 6, 30)
    losing = [(today - timedelta(days=n), 80 - (30 - n) * 0.3) for n in range(30, -1, -1)]
    yield weight.weight_loss_prompt(losing, end=today) or "missing weight-loss prompt"
    low = [(today - timedelta(days=n), 2) for n in range(14)]
    yield feeling.support_prompt(low, [], end=today) or "missing support prompt"
    yield tobacco.support_prompt(None, smoking_logged=True) or "missing quit prompt"
    for minutes in (0, 200, 400):
        yield activity.weekly_summary({today: {"moderate_min": minutes, "steps": minutes * 40}}, end=today).who_band
    for steps in (1000, 6000, 8000, 11000, 13000):
        yield activity.weekly_summary({today: {"steps": steps}}, end=today).steps_band or "missing steps band"
    week = {today - timedelta(days=n): {"log_complete": True, "alcohol_std_drinks": 3} for n in range(7)}
    yield food.evaluate_food(week, today).prompt or "missing alcohol prompt"
    # Every PNNS rule's explanation and advice, met and not met (msgids held in variables, marked N_).
    lots = {key: 600 for key in ("fruit_veg", "unsalted_nuts", "legumes", "wholegrain_starchy", "dairy", "fish")}
    logs = [
        {},
        {"dairy": 2.5, "fish": 1, "oily_fish": 1, "added_fat": 4, "added_fat_plant_oils": 3, "salt_g": 3},
        {**lots, "sugary_drinks": 2, "alcohol_std_drinks": 1},
    ]
    for values, pregnant, days in itertools.product(logs, (False, True), (0, 3, 7)):
        log = {today - timedelta(days=n): {"log_complete": True, **values} for n in range(days)}
        settings = food.FoodSettings(pregnant=pregnant, special_diet=days == 3)
        for outcome in food.evaluate_food(log, today, settings).outcomes:
            yield from (outcome.explanation.msgid, outcome.advice.msgid if outcome.advice else "")


def test_tracker_texts_are_in_the_healthbox_catalog() -> None:
    """Labels, bands, questionnaire items and returned prompts reach the catalog (extractor + N_ markers)."""
    from plugins.healthbox.trackers import BUILTIN_TRACKERS

    ids = _ids(_pot("healthbox")) | _ids(_pot("core"))
    texts = {text for tracker in BUILTIN_TRACKERS for text in _declared(tracker)}
    texts = {text for text in (*texts, *_returned_texts()) if text}
    assert not sorted(texts - ids)


def test_extractor_reads_message_msgids_in_both_branches() -> None:
    tree = ast.parse(
        'Message.of("Enter a whole number." if whole else "Enter a number.")\n'
        'Message.of(self.why, value=1)\nMessage("Plain.", ())\nother.of("Not a message.")\n'
    )
    assert [text for _, text in message_msgids(tree)] == ["Enter a whole number.", "Enter a number.", "Plain."]


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


def test_delete_page_keeps_the_download_link_inside_one_sentence(app, client_for) -> None:
    make_member(app, email="alice@example.org", pseudonym="Alice")
    make_member(app, email="lena@example.org", pseudonym="Lena", site="de")
    fr, de = client_for("fr"), client_for("de")
    login(fr, "alice@example.org")
    login(de, "lena@example.org")
    link = '<a href="/me/export.zip">'
    assert f"Vous souhaiterez peut-être d'abord {link}télécharger vos données</a>." in fr.get("/me/delete").text
    assert f"Sie können vorher noch {link}Ihre Daten herunterladen</a>." in de.get("/me/delete").text


def test_merged_catalogs_keep_the_languages_plural_rule() -> None:
    """French counts 0 and 1 in the singular; merging catalogs must not fall back to English's rule."""
    from core.i18n import load_translations

    dirs = (ROOT / "core" / "locale", *(CATALOGS[name][0] for name in PLUGIN_CATALOGS))
    fr, de = load_translations("fr", dirs), load_translations("de", dirs)
    assert fr.plural(0) == 0 and fr.plural(1) == 0 and fr.plural(2) == 1
    assert de.plural(0) == 1 and de.plural(1) == 0


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plugins_agree_on_the_messages_they_share(lang: str) -> None:
    """Catalogs merge into one: two plugins translating the same msgid differently would make one lose."""
    seen: dict[str, tuple[str, str]] = {}
    differ = []
    for plugin in PLUGIN_CATALOGS:
        for m in _po(plugin, lang):
            if m.id and isinstance(m.id, str):
                if m.id in seen and seen[m.id][1] != m.string:
                    differ.append((m.id, seen[m.id], (plugin, m.string)))
                seen.setdefault(m.id, (plugin, m.string))
    assert not differ, f"{lang}: plugins disagree: {differ}"
