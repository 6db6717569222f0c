"""Units as members use them: imperial editions, exact storage, the settings height in the member's unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.testing import edition_today, login, make_member, post_form, run_async, text_of
from plugins.healthbox import services
from plugins.healthbox.tables import Entry


@pytest.fixture
def member_on(app, client_for):
    def factory(site: str):
        email = f"units-{site}@example.org"
        member_id = make_member(app, email=email, pseudonym=f"Units {site}", site=site)
        client = client_for(site)
        login(client, email)
        return client, member_id

    return factory


def _values(app, member_id):
    rows = run_async(app, Entry.select(Entry.values).where(Entry.member == member_id))
    return services.loads(rows[0]["values"])


def test_uk_member_types_feet_and_inches_in_the_settings_and_sees_them_back(app, member_on):
    client, member_id = member_on("uk")
    dashboard = client.get("/healthbox/")
    assert 'name="unit_height"' in dashboard.text and "feet and inches such as 5'10" in dashboard.text
    response = post_form(client, "/healthbox/settings", {"height_cm": "5'10\"", "unit_height": "[in_i]"})
    assert response.status_code == 303
    settings = run_async(app, services.get_settings(member_id))
    assert settings["height_cm"] == Decimal("177.80")  # 70 in × 2.54, not 178.0
    page = client.get("/healthbox/")
    assert 'id="hb-height" name="height_cm" type="text" inputmode="decimal" autocomplete="off" value="70"' in page.text
    assert '<option value="[in_i]" selected>' in page.text


def test_uk_weight_in_pounds_is_stored_exactly_and_the_form_keeps_pounds(app, member_on):
    client, member_id = member_on("uk")
    post_form(client, "/healthbox/settings", {"height_cm": "69", "unit_height": "[in_i]"})
    today = edition_today("uk").isoformat()
    data = {"date": today, "weight": "203.5", "unit_weight": "[lb_av]"}
    assert post_form(client, "/healthbox/weight/", data).status_code == 303
    values = _values(app, member_id)
    assert values["weight"] == Decimal("92.306047295") and values["height"] == Decimal("175.26")
    assert values["bmi"] == Decimal("30.1")
    page = client.get("/healthbox/weight/")
    assert 'value="203.5"' in page.text  # today's entry shown back in pounds
    assert "Obesity class I" in text_of(page.text)


def test_french_member_has_metric_units_only_and_types_a_decimal_comma(app, member_on):
    client, member_id = member_on("fr")
    page = client.get("/healthbox/weight/")
    assert 'name="unit_weight"' not in page.text
    assert post_form(client, "/healthbox/settings", {"height_cm": "172,3"}).status_code == 303
    entry = {"date": edition_today().isoformat(), "weight": "64,75"}
    assert post_form(client, "/healthbox/weight/", entry).status_code == 303
    values = _values(app, member_id)
    assert values["height"] == Decimal("172.3") and values["weight"] == Decimal("64.75")
    page = client.get("/healthbox/weight/")
    assert 'value="64,75"' in page.text and 'value="172,3"' in page.text
    refused = post_form(client, "/healthbox/settings", {"height_cm": "5'10"})
    assert refused.status_code == 400 and "Saisissez un nombre" in text_of(refused.text)
