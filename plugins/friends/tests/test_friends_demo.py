"""The demo community has a social graph: Camille sees every state on her friends pages."""

from __future__ import annotations

from collections import Counter

from core.testing import login, run_async, seed_demo, text_of
from plugins.friends.tables import Block, FriendRequest, Friendship


def test_demo_graph_and_camilles_pages(app, client):
    ctx = seed_demo(app)
    camille = ctx.by_email["camille@demo.entraide.test"].id
    assert run_async(app, Friendship.count().where(Friendship.member == camille)) == 8
    assert run_async(app, FriendRequest.count().where(FriendRequest.recipient == camille)) == 3
    assert run_async(app, FriendRequest.count().where(FriendRequest.sender == camille)) == 2
    assert run_async(app, Block.count().where(Block.blocker == camille)) == 1
    rows = run_async(app, Friendship.select(Friendship.site))
    per_site = Counter(r["site"] for r in rows)
    assert all(per_site[code] >= 60 for code in ("fr", "be", "ch", "qc", "ma", "dz", "tn"))
    sites = {m.id: m.site for m in ctx.members}
    pairs = run_async(app, Friendship.select(Friendship.member, Friendship.friend))
    assert all(sites[p["member"]] == sites[p["friend"]] for p in pairs)  # friends live on one edition
    login(client, "camille@demo.entraide.test")
    page = text_of(client.get("/friends/").text)
    assert "Mes amis (8)" in page and "Demandes d'ami reçues" in page  # French edition, French page
    requests = client.get("/friends/requests/")
    assert requests.text.count("/accept") == 3 and requests.text.count("/cancel") == 2
    assert client.get("/friends/blocked/").text.count("/unblock") == 1
