"""Search (HTMX fragment and plain page) and condition pages."""

from __future__ import annotations

from core.testing import post_form, text_of


def test_search_answers_htmx_with_a_fragment_and_browsers_with_a_page(people):
    _, client = people("Alice", site="fr")
    fragment = client.get("/profile/search?kind=condition&q=diabete", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Diabète de type 2" in fragment.text and 'action="/profile/me/conditions/add"' in fragment.text
    page = client.get("/profile/search?kind=condition&q=di%C3%A0bete+typ+2")
    assert page.status_code == 200 and "<html" in page.text
    assert text_of(page.text).count("Diabète de type 2") >= 1 and 'name="code" value="E11"' in page.text
    short = client.get("/profile/search?q=d", headers={"HX-Request": "true"})
    assert "Saisissez au moins deux lettres." in short.text or "Type at least two letters." in short.text


def test_search_result_can_be_added_without_javascript(app, people):
    _, client = people("Alice")
    page = client.get("/profile/search?kind=symptom&q=fatige")
    assert 'name="code" value="R53"' in page.text
    assert post_form(client, "/profile/me/symptoms/add", {"code": "R53"}).status_code == 303
    again = client.get("/profile/search?kind=symptom&q=fatigue").text
    assert "In your profile" in again


def test_condition_pages(people):
    _, client = people("Alice")
    page = client.get("/profile/conditions/E11/")
    text = text_of(page.text)
    assert page.status_code == 200 and "Type 2 diabetes" in text and "E11" in text
    assert "Diabetes mellitus" in text and "Type 1 diabetes" in text  # family and a sibling
    assert client.get("/profile/conditions/Q99.99/").status_code == 404
    assert client.get("/profile/conditions/R53/").status_code == 404  # a symptom has no condition page
    index = client.get("/profile/conditions/")
    assert index.status_code == 200 and index.text.count("/profile/conditions/") > 300
    assert post_form(client, "/profile/me/conditions/add", {"code": "E11"}).status_code == 303
    assert "In your profile" in client.get("/profile/conditions/E11/").text
