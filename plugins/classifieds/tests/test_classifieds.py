"""Classifieds as members and moderators use them."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from PIL import Image

from core.api import media_path
from core.testing import audit_actions, login, make_member, post_form, run_async
from plugins.classifieds.tables import Ad, Photo, Report


def png(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (64, 48), colour)
    image.info["comment"] = b"secret"
    image.save(out, format="PNG")
    return out.getvalue()


AD = {"kind": "sell", "category": "mobility", "title": "Fauteuil roulant pliant", "description": "Très bon état.",
      "price": "120,50", "place": "Lyon (69003)"}  # fmt: skip


def post_ad(client, data=None, photos=0, url="/classifieds/new"):
    files = [("photos", (f"p{i}.png", png(), "image/png")) for i in range(photos)]
    return post_form(client, url, {**AD, **(data or {})}, files=files or None)


def ads(app):
    return run_async(app, Ad.select().order_by(Ad.id))


@pytest.fixture
def alice(app, client):
    member_id = make_member(app)
    login(client, "alice@example.org")
    return member_id


@pytest.fixture
def bob(app, client_for):
    make_member(app, email="bob@example.org", pseudonym="Bob")
    other = client_for("fr")
    login(other, "bob@example.org")
    return other


def test_posting_an_ad_with_photos_and_a_price_in_the_edition_currency(app, client, alice):
    response = post_ad(client, photos=2)
    assert response.status_code == 303, response.text[:500]
    ad = ads(app)[0]
    assert ad["price_minor"] == 12050 and ad["currency"] == "EUR" and ad["postcode"] == "69003"
    page = client.get(response.headers["location"])
    assert "120,50\u00a0€" in page.text and "Lyon" in page.text
    photos = run_async(app, Photo.select())
    assert len(photos) == 2
    image = client.get(f"/classifieds/photos/{ad['id']}/{photos[0]['file']}")
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/")
    assert b"secret" not in image.content  # re-encoded: no metadata


@pytest.mark.parametrize(
    ("data", "photos", "message"),
    [
        ({"place": "Atlantis"}, 0, "ne connaissons pas cette ville"),
        ({"price": "-5"}, 0, "ne peut pas être négatif"),
        ({"price": "9999999"}, 0, "trop élevé"),
        ({"price": "abc"}, 0, "Indiquez un prix en chiffres"),
        ({"title": "x" * 101}, 0, "trop long"),
        ({"description": "y" * 3001}, 0, "trop long"),
        ({"kind": "give", "price": "10"}, 0, "n’a pas de prix"),
        ({}, 6, "au plus 5 photos"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(app, client, alice, data, photos, message):
    response = post_ad(client, data, photos=photos)
    assert response.status_code == 400 and message in response.text
    assert ads(app) == [] and run_async(app, Photo.count()) == 0


def test_a_file_that_is_not_an_image_is_refused(app, client, alice):
    files = [("photos", ("evil.png", b"<svg onload=alert(1)>", "image/png"))]
    response = post_form(client, "/classifieds/new", AD, files=files)
    assert response.status_code == 400 and ads(app) == []


def test_forbidden_items_are_refused_naming_the_rule(app, client, alice):
    response = post_ad(client, {"title": "Vends lait maternel congelé", "kind": "give", "price": ""})
    assert response.status_code == 400
    assert "L2323-1" in response.text and ads(app) == []
    response = post_ad(client, {"description": "Boîte de Xanax entamée"})
    assert "L4211-1" in response.text and ads(app) == []


def test_search_filters_and_distance(app, client, alice):
    post_ad(client)
    post_ad(
        client,
        {
            "title": "Lit médicalisé",
            "kind": "rent",
            "category": "equipment_rental",
            "price": "60",
            "place": "Marseille",
        },
    )
    post_ad(
        client, {"title": "Livre diabète", "kind": "give", "category": "books", "price": "", "place": "Villeurbanne"}
    )
    near = client.get("/classifieds/", params={"near": "Lyon", "radius": 20})
    assert "Fauteuil" in near.text and "Livre diabète" in near.text and "Lit médicalisé" not in near.text
    assert client.get("/classifieds/", params={"kind": "rent"}).text.count('class="cl-title"') == 1
    cheap = client.get("/classifieds/", params={"min_price": "50", "max_price": "100"})
    assert "Lit médicalisé" in cheap.text and "Fauteuil" not in cheap.text
    assert "Livre diabète" in client.get("/classifieds/", params={"q": "diabete"}).text


def test_someone_elses_ad_cannot_be_edited_or_closed(app, client, alice, bob):
    ad_id = ads(app)[0]["id"] if post_ad(client).status_code == 303 else None
    assert bob.get(f"/classifieds/{ad_id}/edit").status_code == 404
    assert post_form(bob, f"/classifieds/{ad_id}/edit", AD | {"title": "Pirate"}).status_code == 404
    assert post_form(bob, f"/classifieds/{ad_id}/close").status_code == 404
    assert post_form(bob, f"/classifieds/{ad_id}/renew").status_code == 404
    assert ads(app)[0]["title"] == AD["title"] and ads(app)[0]["status"] == "active"


def test_my_ads_edit_renew_close(app, client, alice):
    ad_id = post_ad(client, photos=1).headers["location"].rsplit("/", 1)[1]
    photo = run_async(app, Photo.select().first())
    edited = post_ad(
        client,
        {"title": "Fauteuil léger", "remove_photo": str(photo["id"])},
        photos=1,
        url=f"/classifieds/{ad_id}/edit",
    )
    assert edited.status_code == 303
    assert ads(app)[0]["title"] == "Fauteuil léger" and run_async(app, Photo.count()) == 1
    assert post_form(client, f"/classifieds/{ad_id}/close").status_code == 303
    assert ads(app)[0]["status"] == "closed"
    assert "Fauteuil léger" not in client.get("/classifieds/").text
    assert post_form(client, f"/classifieds/{ad_id}/renew").status_code == 303
    assert ads(app)[0]["status"] == "active" and "Fauteuil léger" in client.get("/classifieds/mine").text


def test_classifieds_pages_get_their_stylesheet_and_other_pages_do_not(client, alice):
    link = '<link rel="stylesheet" href="/static/classifieds/classifieds.css">'
    ad_id = post_ad(client).headers["location"].rsplit("/", 1)[1]
    for path in ("/classifieds/", f"/classifieds/{ad_id}", "/classifieds/mine"):
        assert link in client.get(path).text, path  # the list too, whose path routing strips of its slash
    assert link not in client.get("/me").text


def test_three_reports_hide_the_ad_until_a_moderator_restores_it(app, client, client_for, alice):
    ad_id = post_ad(client).headers["location"].rsplit("/", 1)[1]
    for name in ("Bob", "Carla", "Dan"):
        make_member(app, email=f"{name.lower()}@example.org", pseudonym=name)
        other = client_for("fr")
        login(other, f"{name.lower()}@example.org")
        post_form(other, f"/classifieds/{ad_id}/report", {"reason": "scam"})
    assert ads(app)[0]["hidden"] is True
    assert other.get(f"/classifieds/{ad_id}").status_code == 404
    assert client.get(f"/classifieds/{ad_id}/edit").status_code == 404  # the author waits for review too
    make_member(app, email="mod@example.org", pseudonym="Mod", role="moderator")
    mod = client_for("fr")
    login(mod, "mod@example.org")
    queue = mod.get("/classifieds/moderation").text
    assert "Fauteuil" in queue and "(ouvert)" in queue and "(open)" not in queue  # the report's status, in French
    assert post_form(mod, f"/classifieds/{ad_id}/restore").status_code == 303
    assert other.get(f"/classifieds/{ad_id}").status_code == 200
    actions = set(audit_actions(app))
    assert {"classifieds.ad.auto_hidden", "classifieds.ad.restored"} <= actions
    assert post_form(other, f"/classifieds/{ad_id}/hide").status_code == 404  # members do not moderate


def test_contact_is_relayed_without_revealing_addresses(app, client, alice, bob, outbox):
    ad_id = post_ad(client).headers["location"].rsplit("/", 1)[1]
    page = bob.get(f"/classifieds/{ad_id}")
    assert "alice@example.org" not in page.text
    assert (
        post_form(bob, f"/classifieds/{ad_id}/contact", {"message": "Est-il toujours disponible ?"}).status_code == 303
    )
    mail = outbox(to="alice@example.org")[-1]
    assert "Est-il toujours disponible ?" in mail.body and "Bob" in mail.body and "bob@example.org" not in mail.body


def test_member_of_another_edition_and_other_edition_ads_are_not_found(app, client, client_for, alice):
    ad_id = post_ad(client).headers["location"].rsplit("/", 1)[1]
    make_member(app, email="ollie@example.org", pseudonym="Ollie", site="uk")
    uk = client_for("uk")
    login(uk, "ollie@example.org")
    assert uk.get(f"/classifieds/{ad_id}").status_code == 404
    assert uk.get("/classifieds/").status_code == 200
    assert client.get("/classifieds/").status_code == 200


def test_classifieds_are_off_on_de_in_the_demo_editions(client_for):
    assert client_for("de").get("/classifieds/").status_code == 404
    assert client_for("de").get("/classifieds/new").status_code == 404
    assert client_for("fr").get("/classifieds/").status_code == 200


def test_export_holds_ads_photos_and_reports_and_erase_removes_files(app, client, alice, bob):
    ad_id = post_ad(client, photos=1).headers["location"].rsplit("/", 1)[1]
    ad_of_bob = post_ad(bob, {"title": "Canne anglaise"}).headers["location"].rsplit("/", 1)[1]
    post_form(client, f"/classifieds/{ad_of_bob}/report", {"reason": "other", "note": "doublon"})
    archive = zipfile.ZipFile(io.BytesIO(client.get("/me/export.zip").content))
    data = json.loads(archive.read("data.json"))["classifieds"]
    assert data["ads"][0]["title"] == AD["title"] and data["reports"][0]["note"] == "doublon"
    photo_name = data["photos"][0]["file"]
    assert photo_name.startswith("files/classifieds/") and archive.read(photo_name)[:4] in (b"RIFF", b"\x89PNG")
    stored = run_async(app, Photo.select().first())
    assert media_path("classifieds", stored["file"]).exists()
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    assert [a["title"] for a in ads(app)] == ["Canne anglaise"]
    assert run_async(app, Photo.count()) == 0 and run_async(app, Report.count()) == 0
    assert not media_path("classifieds", stored["file"]).exists()
    assert int(ad_id) not in [a["id"] for a in ads(app)]


def test_contact_goes_through_private_messages_when_that_plugin_is_on(app, client, alice, bob):
    ad_id = post_ad(client).headers["location"].rsplit("/", 1)[1]
    page = bob.get(f"/classifieds/{ad_id}")
    link = "/messages/new?to=Alice&amp;subject=Fauteuil%20roulant%20pliant"
    assert link in page.text and f"/classifieds/{ad_id}/contact" not in page.text
    form = bob.get(link.replace("&amp;", "&"))
    assert form.status_code == 200 and "Alice" in form.text and "Fauteuil roulant pliant" in form.text
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "messages", False))
    page = bob.get(f"/classifieds/{ad_id}")
    assert f"/classifieds/{ad_id}/contact" in page.text and "/messages/new" not in page.text


def test_a_visitors_kept_page_frame_follows_the_path_for_stylesheets(app, client_for):
    """Visitors' page frames are kept per edition; the path still decides which stylesheets come with it."""
    link = '<link rel="stylesheet" href="/static/classifieds/classifieds.css">'
    visitor = client_for("fr")
    for _ in range(2):  # the second round is served from the kept frames
        home, listing = visitor.get("/"), visitor.get("/classifieds/")
        assert home.status_code == 200 and link not in home.text
        assert listing.status_code == 200 and link in listing.text
