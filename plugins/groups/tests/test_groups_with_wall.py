"""The wall and the real groups plugin together: group audiences, the feed, and disabling groups."""

from __future__ import annotations

from core.testing import login, make_member, post_form, run_async
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
