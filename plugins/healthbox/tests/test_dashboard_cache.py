"""The dashboard's cached cards follow every write, whoever made it."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from core.testing import edition_today, login, make_member, post_form, run_async
from plugins.healthbox.tables import Entry


def _weight_card(client) -> str:
    page = client.get("/healthbox/")
    assert page.status_code == 200
    found = re.search(r'<article[^>]*aria-labelledby="card-weight">(.*?)</article>', page.text, re.S)
    assert found, "no weight card"
    return found.group(1)


def _last(card: str) -> str | None:
    found = re.search(r'<p class="hb-last"><strong>([^<]+)</strong>', card)
    return None if found is None else found.group(1)


def test_dashboard_cards_follow_every_write(app, client_for):
    alice = make_member(app, email="alice@example.org", pseudonym="Alice")
    make_member(app, email="bob@example.org", pseudonym="Bob")
    a, b = client_for("fr"), client_for("fr")
    login(a, "alice@example.org")
    login(b, "bob@example.org")
    older, newer = (edition_today() - timedelta(days=n) for n in (2, 1))
    assert _last(_weight_card(a)) is None
    assert post_form(a, "/healthbox/weight/", {"date": older.isoformat(), "weight": "70"}).status_code == 303
    card = _weight_card(a)
    assert _last(card) == "70" and "hb-spark" not in card  # one point: no sparkline yet
    assert _last(_weight_card(a)) == "70"  # served again (from the cache)
    assert post_form(a, "/healthbox/weight/", {"date": newer.isoformat(), "weight": "71,5"}).status_code == 303
    card = _weight_card(a)
    assert _last(card) == "71,5" and "hb-spark" in card
    assert _last(_weight_card(b)) is None  # Bob's cards are his own
    # Another worker replaces the entry: this worker's cache was not told, the stamp tells.
    later = datetime.now(UTC) + timedelta(seconds=5)
    run_async(
        app,
        Entry.update({Entry.values: json.dumps({"weight": 80.0}), Entry.recorded_at: later}).where(
            (Entry.member == alice) & (Entry.day == newer)
        ),
    )
    assert _last(_weight_card(a)) == "80"
    assert post_form(a, f"/healthbox/weight/entries/{newer.isoformat()}/delete").status_code == 303
    card = _weight_card(a)
    assert _last(card) == "70" and "hb-spark" not in card
