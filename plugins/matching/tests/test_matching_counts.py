"""Community counts: "fewer than 10" under 10 in HTML, JSON and CSV, per edition."""

from __future__ import annotations

import csv
import io

import pytest

from core.testing import login, make_member, run_async
from plugins.matching import index

ASTHMA = {"en": "Asthma", "fr": "Asthme", "de": "Asthma"}
MS = {"en": "Multiple sclerosis (MS)", "fr": "Sclérose en plaques (SEP)", "de": "Multiple Sklerose (MS)"}


def _fill(app, site, code, count, start, labels):
    """``count`` findable members with ``code`` public, straight into the index (fast)."""
    ids = [
        make_member(app, email=f"m{start + i}@example.org", pseudonym=f"Member{start + i}", site=site)
        for i in range(count)
    ]
    concept = {"kind": "condition", "category": code[:3], "family": "X00-X99", "labels": labels}
    payload = {"public_conditions": [code], "concepts": {code: concept}}
    for member_id in ids:
        run_async(app, index.replace_member(member_id, site, index.rows_from_payload(payload)))
    run_async(app, index.store_labels(payload))


@pytest.fixture
def counted(app, client_for):
    _fill(app, "uk", "J45", 12, 0, ASTHMA)
    _fill(app, "uk", "G35", 3, 100, MS)
    _fill(app, "de", "G35", 11, 200, MS)
    make_member(app, email="viewer@example.org", pseudonym="Viewer", site="uk")
    client = client_for("uk")
    login(client, "viewer@example.org")
    return client


def test_html_hides_small_counts(counted):
    page = counted.get("/matching/conditions").text
    assert "Asthma" in page and ">12<" in page
    assert "Multiple sclerosis (MS)" in page and "fewer than 10" in page and ">3<" not in page
    assert "Asthma" in counted.get("/matching/conditions?q=asth").text
    assert "Multiple sclerosis" not in counted.get("/matching/conditions?q=asth").text


def test_json_and_csv_hide_small_counts_too(counted):
    data = counted.get("/matching/conditions.json").json()
    rows = {r["code"]: r for r in data["conditions"]}
    assert rows["J45"]["members"] == 12 and rows["J45"]["suppressed"] is False
    assert rows["G35"] == {
        "code": "G35",
        "label": "Multiple sclerosis (MS)",
        "members": None,
        "members_text": "fewer than 10",
        "suppressed": True,
    }
    text = counted.get("/matching/conditions.csv").content.decode()
    table = {r["code"]: r["members"] for r in csv.DictReader(io.StringIO(text))}
    assert table == {"J45": "12", "G35": "fewer than 10"}


def test_counts_are_per_edition(counted, client_for, app):
    make_member(app, email="lena2@example.org", pseudonym="Lena2", site="de")
    de = client_for("de")
    login(de, "lena2@example.org")
    rows = {r["code"]: r for r in de.get("/matching/conditions.json").json()["conditions"]}
    assert rows["G35"]["members"] == 11 and "J45" not in rows


def test_condition_page_shows_the_count(counted):
    assert "12 members share this condition with everyone." in counted.get("/profile/conditions/J45/").text
    assert "Fewer than 10 members share this condition with everyone." in counted.get("/profile/conditions/G35/").text
    assert "Fewer than 10 members" in counted.get("/profile/conditions/E11/").text  # nobody: still "fewer than 10"


def test_french_edition_says_it_in_french(app, client_for):
    _fill(app, "fr", "J45", 2, 300, ASTHMA)
    make_member(app, email="fr@example.org", pseudonym="Francoise", site="fr")
    fr = client_for("fr")
    login(fr, "fr@example.org")
    assert "moins de 10" in fr.get("/matching/conditions").text
    assert fr.get("/matching/conditions.json").json()["conditions"][0]["members_text"] == "moins de 10"


def test_condition_search_shows_counts_with_the_same_rule(counted, app):
    from core.testing import text_of

    page = text_of(counted.get("/profile/search?q=asthma").text)
    assert "In our community" in page and "Asthma J45 12" in page
    fragment = counted.get("/profile/search?q=sclerosis", headers={"hx-request": "true"}).text
    assert "fewer than 10" in fragment and ">3<" not in fragment
    assert "In our community" not in counted.get("/profile/search?q=diabetes").text  # nobody shares it here
    assert "In our community" not in counted.get("/profile/search?q=fatigue&kind=symptom").text
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "matching", False))
    page = counted.get("/profile/search?q=asthma")
    assert page.status_code == 200 and "In our community" not in page.text
