"""The wall and the real groups plugin together: group audiences, the feed, and disabling groups."""

from __future__ import annotations

from core.testing import login, make_member, post_form, run_async, text_of
from plugins.groups import services


def test_wall_posts_to_a_group_reach_its_members_only(make_app, client_for):
    app = make_app(plugins=["wall", "groups"])
    alice, bob = (make_member(app, email=f"{n}@example.org", pseudonym=n.title()) for n in ("alice", "bob"))
    make_member(app, email="carol@example.org", pseudonym="Carol")
    group = run_async(app, services.create_group("fr", "sep", "Sclérose en plaques", "fr", visibility="private"))
    for member in (alice, bob):
        run_async(app, services.join({"id": group, "visibility": "public"}, member))
    clients = {}
    for name in ("alice", "bob", "carol"):
        clients[name] = client_for("fr", app)
        login(clients[name], f"{name}@example.org")
    form = clients["alice"].get("/wall/").text
    assert f'value="group:{group}"' in form and "Sclérose en plaques" in form
    response = post_form(clients["alice"], "/wall/posts", {"body": "Fatigue today", "audience": f"group:{group}"})
    post = int(response.headers["location"].rsplit("#post-", 1)[1])
    assert f'id="post-{post}"' in clients["bob"].get("/wall/").text  # my groups' posts are in my feed
    assert clients["carol"].get(f"/wall/posts/{post}").status_code == 404
    refused = post_form(clients["carol"], "/wall/posts", {"body": "Let me in", "audience": f"group:{group}"})
    assert refused.status_code == 400
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "groups", False))
    assert (
        clients["bob"].get(f"/wall/posts/{post}").status_code == 404
    )  # nobody answers groups.read: stays with its author
    assert clients["alice"].get(f"/wall/posts/{post}").status_code == 200
    assert clients["bob"].get(f"/groups/{group}/").status_code == 404


def test_group_replies_and_acceptances_reach_the_real_notifications_page(make_app, client_for):
    app = make_app(plugins=["groups", "notifications"])
    alice, bob = (make_member(app, email=f"{n}@example.org", pseudonym=n.title()) for n in ("alice", "bob"))
    group = run_async(app, services.create_group("fr", "aidants", "Aidants", "fr", visibility="private"))
    run_async(app, services.join({"id": group, "visibility": "public"}, alice, role="moderator"))
    clients = {}
    for name in ("alice", "bob"):
        clients[name] = client_for("fr", app)
        login(clients[name], f"{name}@example.org")
    post_form(clients["bob"], f"/groups/{group}/join")
    assert "Bob demande à rejoindre le groupe Aidants" in text_of(clients["alice"].get("/notifications/").text)
    post_form(clients["alice"], f"/groups/{group}/requests/{bob}/approve")
    assert "Vous êtes maintenant membre du groupe Aidants" in text_of(clients["bob"].get("/notifications/").text)
    started = post_form(clients["alice"], f"/groups/{group}/threads", {"title": "Répit", "body": "Vos astuces ?"})
    thread = started.headers["location"]
    post_form(clients["bob"], f"{thread}replies", {"body": "Une soirée par semaine, @Alice"})
    post_form(clients["bob"], f"{thread}replies", {"body": "Et l'accueil de jour."})  # Alice follows what she wrote
    page = " ".join(text_of(clients["alice"].get("/notifications/").text).replace("\u202f", " ").split())
    assert "Bob vous a mentionné dans « Répit »" in page and "Bob a répondu dans « Répit »" in page
