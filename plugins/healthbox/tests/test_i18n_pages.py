"""The Health Box speaks its edition's language: French, German, English."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.testing import edition_today, login, make_member, post_form, text_of

SLUGS = ("weight", "feeling", "sleep", "tobacco", "food", "activity")


@pytest.fixture
def member_on(app, client_for):
    """``member_on("de")``: a logged-in client of a member of that edition."""

    def factory(site: str):
        email = f"member-{site}@example.org"
        make_member(app, email=email, pseudonym=f"Member {site}", site=site)
        client = client_for(site)
        login(client, email)
        return client

    return factory


def test_weight_page_in_french(member_on):
    client = member_on("fr")
    page = client.get("/healthbox/weight/")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    text = text_of(page.text)
    for french in ("Poids", "Taille", "Tour de taille", "Nouvelle saisie", "Historique", "Carnet santé", "Enregistrer"):
        assert french in text
    for english in ("Weight", "Height", "New entry", "History", "Health Box", "Save"):
        assert english not in text


def test_weight_page_in_german_and_english(member_on):
    text = text_of(member_on("de").get("/healthbox/weight/").text)
    for german in ("Gewicht", "Körpergröße", "Taillenumfang", "Neuer Eintrag", "Verlauf", "Gesundheitstagebuch"):
        assert german in text
    assert "Weight" not in text and "New entry" not in text
    text = text_of(member_on("uk").get("/healthbox/weight/").text)
    assert "Weight" in text and "New entry" in text and "Health Box" in text


@pytest.mark.parametrize(
    ("site", "names"),
    [
        ("fr", ("Poids", "Ressenti", "Sommeil", "Tabac", "Alimentation", "Activité physique")),
        ("be", ("Poids", "Ressenti", "Sommeil", "Tabac", "Alimentation", "Activité physique")),
        ("de", ("Gewicht", "Befinden", "Schlaf", "Tabak", "Ernährung", "Körperliche Aktivität")),
    ],
)
def test_every_tracker_page_is_translated(member_on, site, names):
    client = member_on(site)
    dashboard = text_of(client.get("/healthbox/").text)
    for slug, name in zip(SLUGS, names, strict=True):
        assert name in dashboard
        page = client.get(f"/healthbox/{slug}/")
        assert page.status_code == 200, slug
        assert f"<h1>{name}</h1>" in page.text


def test_french_validation_messages_and_insights(member_on):
    client = member_on("fr")
    today = edition_today().isoformat()
    page = text_of(post_form(client, "/healthbox/weight/", {"date": today, "weight": "abc"}).text)
    assert "Rien n'a été enregistré" in page and "Saisissez un nombre, par exemple 72,5." in page
    page = text_of(post_form(client, "/healthbox/weight/", {"date": today, "weight": "900"}).text)
    assert "La valeur doit être comprise entre 20 kg et 400 kg." in page
    post_form(client, "/healthbox/settings", {"height_cm": "175"})
    assert post_form(client, "/healthbox/weight/", {"date": today, "weight": "70"}).status_code == 303
    page = text_of(client.get("/healthbox/weight/").text)
    assert "IMC : 22,9 — Corpulence normale" in page  # decimal comma in French
    assert "Dernier poids : 70,0 kg" in page


def test_french_food_advice_and_tags(member_on):
    client = member_on("fr")
    today = edition_today().isoformat()
    post_form(client, "/healthbox/food/", {"date": today, "fruit_veg": "2", "log_complete": "1"})
    page = text_of(client.get("/healthbox/food/").text)
    assert "Conseils" in page and "Règle F1 (PNNS) : au moins 5 portions de fruits et légumes par jour" in page
    assert "A fruit or a vegetable" not in page
    data = {"date": today, "feel_physical": "6", "feel_psych": "7", "feel_social": "5", "tags": ["work", "family"]}
    assert post_form(client, "/healthbox/feeling/", data).status_code == 303
    page = text_of(client.get("/healthbox/feeling/").text)
    assert "Travail, Famille" in page and "'work'" not in page


def test_fagerstrom_in_german_is_off_with_a_note_why(member_on):
    client = member_on("de")
    assert client.get("/healthbox/tobacco/q/ftnd/").status_code == 404
    assert client.get("/healthbox/tobacco/q/mtss/").status_code == 404
    page = text_of(client.get("/healthbox/tobacco/").text)
    assert "wird in dieser Sprache nicht angeboten" in page and "nicht validierten Übersetzung" in page


def test_fagerstrom_in_french_and_english(member_on):
    for site, item, band in (
        ("fr", "Combien de temps après votre réveil fumez-vous votre première cigarette ?", "Très élevée"),
        ("uk", "How soon after you wake up do you smoke your first cigarette?", "Very high"),
    ):
        client = member_on(site)
        page = client.get("/healthbox/tobacco/q/ftnd/")
        assert item in text_of(page.text)
        answers = {}
        for key in dict.fromkeys(re.findall(r'type="radio" id="[^"]+" name="([a-z0-9_]+)"', page.text)):
            answers[key] = max(re.findall(rf'name="{key}" value="(\d+)"', page.text), key=int)
        html = post_form(client, "/healthbox/tobacco/q/ftnd/", answers).text
        assert f"<strong>{band}</strong>" in html  # one sentence, the range label emphasised inside it
        result = text_of(html)
        assert "10" in result
        if site == "fr":
            assert "Fagerström Test for Nicotine Dependence" not in result
            assert "(par exemple : cinémas, bibliothèques)" in text_of(page.text)  # item 2 keeps its examples
            assert "Tabac Info Service au 39 89" in result  # FTND 10 ≥ 5: the edition's quit line


def test_nav_label_follows_the_edition(member_on):
    assert "Carnet santé" in member_on("fr").get("/").text
    assert "Gesundheitstagebuch" in member_on("de").get("/").text


ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.mark.parametrize(
    ("site", "shown", "raw"), [("fr", "72,5", "72.5"), ("de", "72,5", "72.5"), ("uk", "72.5", "72,5")]
)
def test_numbers_and_dates_are_written_as_the_edition_writes_them(member_on, site, shown, raw):
    client = member_on(site)
    for days, weight in ((1, "71,5" if site != "uk" else "71.5"), (0, "72,5" if site != "uk" else "72.5")):
        day = (edition_today(site) - timedelta(days=days)).isoformat()
        assert post_form(client, "/healthbox/weight/", {"date": day, "weight": weight}).status_code == 303
    dashboard = client.get("/healthbox/").text
    assert f"<strong>{shown}</strong> kg" in dashboard
    page = client.get("/healthbox/weight/").text
    for text in (text_of(dashboard), text_of(page)):  # the chart's axis, its description and table included
        assert shown in text and raw not in text
        assert not ISO_DATE.search(text), ISO_DATE.search(text)
