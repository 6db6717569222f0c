"""The demo community has groups with discussions on fr, uk and de, and work for Camille."""

from __future__ import annotations

from core.testing import login, run_async, seed_demo, text_of
from plugins.groups.tables import Group, Reply, Thread


def test_demo_groups_threads_and_camilles_pages(app, client):
    seed_demo(app)
    groups = run_async(app, Group.select(Group.id, Group.site, Group.name, Group.thread_count))
    names = {(g["site"], g["name"]) for g in groups}
    for name in ("Entorse de la cheville", "Anxiété", "Diabète de type 2", "Sclérose en plaques"):
        assert ("fr", name) in names
    for site in ("fr", "uk", "de"):
        ids = [g["id"] for g in groups if g["site"] == site]
        threads = run_async(app, Thread.select(Thread.id).where(Thread.group.is_in(ids)))
        replies = run_async(app, Reply.count().where(Reply.thread.is_in([t["id"] for t in threads])))
        assert len(threads) >= 4 and replies > 2 * len(threads), site
    assert all(g["thread_count"] >= 1 for g in groups if g["site"] in ("fr", "uk", "de"))
    login(client, "camille@demo.entraide.test")
    index = text_of(client.get("/groups/").text)
    assert "Mes groupes" in index and "Suggérés pour vous" in index and "Asthme" in index
    queue = client.get("/groups/moderation/").text
    assert queue.count("/groups/moderation/replies/") >= 5  # one reported message, five decisions offered
    private = next(g["id"] for g in groups if g["site"] == "fr" and g["name"] == "Aidants familiaux")
    assert "/approve" in client.get(f"/groups/{private}/members").text  # a join request to answer
