"""The demo community: Camille is findable and has members like her; one count is real, small ones stay hidden."""

from __future__ import annotations

import re

from core.testing import login, run_async, seed_demo
from plugins.matching.tables import Entry


def test_camille_has_matches_and_the_index_follows_the_rules(app, client):
    ctx = seed_demo(app)
    camille = ctx.by_email["camille@demo.entraide.test"].id
    mine = {r["key"] for r in run_async(app, Entry.select(Entry.key).where(Entry.member == camille))}
    assert mine == {"c:J45", "f:J40-J47", "s:R53"}  # her public items only (migraine is for friends)
    assert run_async(app, Entry.count()) > 200
    login(client, "camille@demo.entraide.test")
    page = client.get("/matching/")
    assert page.status_code == 200
    names = re.findall(r'class="mt-name"><a [^>]*>([^<]+)<', page.text)
    assert len(names) >= 3 and "Camille" not in names
    counts = client.get("/matching/conditions.json").json()["conditions"]
    assert counts and all(c["members"] is None or c["members"] >= 10 for c in counts)
    shown = {c["code"]: c["members"] for c in counts if c["members"] is not None}
    assert shown.get("J45", 0) >= 10  # the French asthma circle shows what a real count looks like
    assert any(c["members"] is None for c in counts)
