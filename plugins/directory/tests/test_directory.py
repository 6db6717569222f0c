"""The directory as members, professionals and operators use it."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from core.api import geocode
from core.testing import audit_actions, login, make_member, post_form, run_async, text_of
from plugins.directory import services
from plugins.directory.tables import Listing, Suggestion


def add(app, name, town, specialty="physiotherapist", site="fr", country="FR", dlat=0.0, **extra):
    place = geocode(town, country)
    values = {"name": name, "specialty": specialty, "address": "1 rue de la Paix", "phone": "+33478123456",
              "website": "", "hours": "", "languages": "fr", "wheelchair": False, "hearing_loop": False,
              "online_booking": False, "video_consultation": False, **extra}  # fmt: skip
    listing_id = run_async(app, services.create_listing(site, values, place))
    if dlat:
        run_async(app, Listing.update({Listing.lat: place.lat + dlat}).where(Listing.id == listing_id))
    return listing_id


def listings(app):
    return run_async(app, Listing.select().order_by(Listing.id))


@pytest.fixture
def pro(app, client):
    member_id = make_member(app, email="pro@example.org", pseudonym="DrKine", role="pro", pro_verified=True)
    login(client, "pro@example.org")
    return member_id


def test_search_near_a_place_sorts_by_distance_in_the_edition_locale(app, client):
    far = add(app, "Kiné Villeurbanne", "Lyon", dlat=0.09)  # about 10 km north
    near = add(app, "Kiné Bellecour", "Lyon", dlat=0.028)
    add(app, "Kiné Marseille", "Marseille")
    add(app, "Dr Généraliste", "Lyon", specialty="general_practitioner")
    page = client.get("/directory/", params={"q": "kiné", "near": "69003", "radius": 20})
    assert page.status_code == 200
    text = text_of(page.text)
    assert "2 results" in text or "2 résultats" in text
    assert text.index("Kiné Bellecour") < text.index("Kiné Villeurbanne")
    assert "3,1\u00a0km" in page.text and "Marseille" not in text and "Généraliste" not in text
    assert f'href="/directory/{near}"' in page.text and f'href="/directory/{far}"' in page.text
    uk = client.get("/directory/", params={"q": "physio", "near": "Lyon"})  # same URL shape, other keyword
    assert "Kiné Bellecour" in uk.text


def test_unknown_place_offers_suggestions_as_shareable_links(app, client):
    page = client.get("/directory/", params={"q": "kine", "near": "Marseile"})
    assert page.status_code == 200
    assert "Marseile" in page.text and "/directory/?q=kine&amp;near=Marseille" in page.text


def test_browser_position_is_named_after_the_nearest_town(app, client):
    add(app, "Kiné Bellecour", "Lyon", dlat=0.01)
    page = client.get("/directory/", params={"near": "@45.760,4.840", "radius": 5})
    assert "Kiné Bellecour" in page.text and "Lyon" in text_of(page.text)


def test_results_are_paginated(app, client):
    for i in range(23):
        add(app, f"Cabinet {i:02d}", "Lyon", dlat=i * 0.001)
    first = client.get("/directory/", params={"near": "Lyon"})
    second = client.get("/directory/", params={"near": "Lyon", "page": 2})
    assert "Cabinet 19" in first.text and "Cabinet 20" not in first.text
    assert "Cabinet 22" in second.text and "Cabinet 00" not in second.text


def test_place_suggestions_fragment(client):
    page = client.get("/directory/places", params={"near": "st eti"})
    assert '<option value="Saint-Étienne (42000)">' in page.text


def test_a_listing_of_another_edition_is_not_found(app, client):
    uk_listing = add(app, "Leeds Physio", "Leeds", site="uk", country="GB", phone="+441132345678")
    assert client.get(f"/directory/{uk_listing}").status_code == 404


def test_verified_professional_creates_a_listing_with_a_formatted_phone(app, client, pro):
    form = {"name": "Cabinet Bellecour", "specialty": "physiotherapist", "place": "Lyon (69002)",
            "phone": "04 78 12 34 56", "languages": ["fr", "en"], "wheelchair": "1"}  # fmt: skip
    response = post_form(client, "/directory/new", form)
    assert response.status_code == 303
    row = listings(app)[0]
    assert row["phone"] == "+33478123456" and row["owner_id"] == pro and row["postcode"] == "69002"
    page = client.get(response.headers["location"])
    assert "04 78 12 34 56" in page.text and "Masseur-kinésithérapeute" in page.text
    assert "Accès fauteuil roulant\u00a0: oui" in page.text and "roulant: " not in page.text  # French colon spacing


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "n’est pas valide pour ce pays"),
        ("phone", "+44 20 7946 0958 999", "n’est pas valide pour ce pays"),
        ("place", "Atlantis", "ne connaissons pas cette ville"),
        ("name", "x" * 121, "trop long"),
        ("specialty", "astrologer", "Choisissez une spécialité"),
    ],
)
def test_bad_listing_input_is_refused_and_nothing_stored(app, client, pro, field, value, message):
    form = {"name": "Cabinet", "specialty": "physiotherapist", "place": "Lyon", "phone": "0478123456", field: value}
    response = post_form(client, "/directory/new", form)
    assert response.status_code == 400 and message in response.text
    assert listings(app) == []


def test_members_cannot_create_listings(app, client):
    make_member(app)
    login(client, "alice@example.org")
    assert client.get("/directory/new").status_code == 404
    assert post_form(client, "/directory/new", {"name": "X"}).status_code == 404


def test_claim_export_and_erase_keep_the_listing_unclaimed(app, client, pro):
    listing_id = add(app, "Cabinet Bellecour", "Lyon")
    assert post_form(client, f"/directory/{listing_id}/claim").status_code == 303
    assert listings(app)[0]["owner_id"] == pro
    assert (
        post_form(
            client,
            f"/directory/{listing_id}/edit",
            {"name": "Cabinet B.", "specialty": "physiotherapist", "place": "Lyon"},
        ).status_code
        == 303
    )
    post_form(client, f"/directory/{listing_id}/suggest", {"field": "hours", "value": "Lun–ven 9 h–18 h"})
    export = client.get("/me/export.zip")
    data = json.loads(zipfile.ZipFile(io.BytesIO(export.content)).read("data.json"))
    assert data["directory"]["claimed_listings"][0]["name"] == "Cabinet B."
    assert data["directory"]["correction_suggestions"][0]["field"] == "hours"
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    row = listings(app)[0]
    assert row["name"] == "Cabinet B." and row["owner_id"] is None
    assert run_async(app, Suggestion.count()) == 0


def test_unverified_professional_cannot_claim(app, client):
    listing_id = add(app, "Cabinet", "Lyon")
    make_member(app, email="p@example.org", pseudonym="Pending", role="pro")
    login(client, "p@example.org")
    assert post_form(client, f"/directory/{listing_id}/claim").status_code == 404
    assert listings(app)[0]["owner_id"] is None


def test_corrections_are_moderated_by_operators_and_audited(app, client, client_for):
    listing_id = add(app, "Cabinet", "Lyon")
    make_member(app)
    login(client, "alice@example.org")
    bad = post_form(client, f"/directory/{listing_id}/suggest", {"field": "phone", "value": "123"})
    assert bad.status_code == 400 and run_async(app, Suggestion.count()) == 0
    assert (
        post_form(client, f"/directory/{listing_id}/suggest", {"field": "phone", "value": "04 72 00 00 01"}).status_code
        == 303
    )
    assert client.get("/directory/moderation").status_code == 404  # members do not moderate
    make_member(app, email="ops@example.org", pseudonym="Ops", role="operator")
    ops = client_for("fr")
    login(ops, "ops@example.org")
    queue = ops.get("/directory/moderation")
    assert "04 72 00 00 01" in queue.text and "Téléphone" in queue.text  # formatted, field named
    suggestion = run_async(app, Suggestion.select().first())
    assert post_form(ops, f"/directory/suggestions/{suggestion['id']}/accept").status_code == 303
    assert listings(app)[0]["phone"] == "+33472000001"
    assert post_form(ops, f"/directory/{listing_id}/verify", {"verified": "1"}).status_code == 303
    assert listings(app)[0]["verified"] is True
    actions = audit_actions(app)
    assert "directory.suggestion.accepted" in actions and "directory.listing.verified" in actions


def test_search_uses_the_bounding_box_index(app):
    """The composite index exists on both engines; SQLite's planner uses it for the box."""
    engine = Listing._meta.db.engine_type
    if engine == "sqlite":
        plan = run_async(
            app,
            Listing.raw(
                "EXPLAIN QUERY PLAN SELECT id FROM directory_listing"
                " WHERE site = 'fr' AND lat BETWEEN 45 AND 46 AND lon BETWEEN 4 AND 5"
            ),
        )
        assert "directory_listing_geo" in " ".join(row["detail"] for row in plan)
    else:
        rows = run_async(app, Listing.raw("SELECT indexdef FROM pg_indexes WHERE indexname = 'directory_listing_geo'"))
        assert rows and "(site, lat, lon)" in rows[0]["indexdef"]
