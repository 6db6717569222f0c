"""Notifications from any event's payload["notify"]: stored, shown, badge, read, preferences, digests."""

from __future__ import annotations

import re

from core import api
from core.testing import DEMO_PASSWORD, make_member, post_form, run_async, sent_emails, text_of
from plugins.notifications.digest import send_digests
from plugins.notifications.tables import Notification, Preference

COMMENTED = "%(actor)s commented on your post"


def notify(
    app,
    actor: int,
    recipient: int,
    *,
    kind="wall.comment",
    url="/wall/posts/1",
    msgid=COMMENTED,
    params=None,
    site="fr",
):
    entry = {
        "member_id": recipient,
        "kind": kind,
        "actor_id": actor,
        "url": url,
        "msgid": msgid,
        "params": params or {},
    }
    run_async(app, api.emit(site, api.Event("wall.comment.created", site, actor, {"notify": [entry]})))


def badge(client) -> str:
    html = client.get("/notifications/").text
    found = re.search(
        r'href="/notifications/"[^>]*>Notifications<span class="nav-badge"[^>]*>(.*?)</span></a>', html, re.S
    )
    assert found, "no notifications entry in the navigation"
    return text_of(found.group(1))


def count(app, **where) -> int:
    query = Notification.count()
    for name, value in where.items():
        query = query.where(getattr(Notification, name) == value)
    return run_async(app, query)


def test_event_becomes_a_translated_notification_with_a_badge(app, people, as_member):
    bob = as_member("bob")
    assert badge(bob) == ""
    notify(app, people["alice"], people["bob"])
    assert "1 nouvel élément" in badge(bob)
    page = bob.get("/notifications/")
    assert "Alice a commenté votre publication" in text_of(page.text)
    nid = re.search(r'href="/notifications/(\d+)"', page.text).group(1)
    opened = bob.get(f"/notifications/{nid}", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/wall/posts/1"
    assert badge(bob) == ""


def test_who_is_never_notified(app, people, block):
    uk = make_member(app, email="uma@example.org", pseudonym="Uma", site="uk")
    notify(app, people["alice"], people["alice"])  # oneself
    notify(app, people["alice"], uk)  # a member of another edition
    notify(app, people["alice"], 999_999)  # nobody
    block(people["alice"], people["carol"])
    notify(app, people["alice"], people["carol"])  # a block, either way
    notify(app, people["carol"], people["alice"])
    notify(app, people["bob"], people["carol"], kind="Bad Kind")  # malformed
    notify(app, people["bob"], people["carol"], msgid="")
    assert count(app) == 0
    notify(app, people["bob"], people["carol"], url="https://evil.test/")  # kept, but only same-site links
    assert run_async(app, Notification.select(Notification.url).first())["url"] == "/notifications/"


def test_member_text_is_escaped_and_deleted_actors_are_named(app, people, as_member):
    notify(
        app, people["alice"], people["bob"], msgid="%(actor)s wrote %(title)s", params={"title": "<script>x</script>"}
    )
    notify(app, people["carol"], people["bob"])
    html = as_member("bob").get("/notifications/").text
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert post_form(as_member("carol"), "/me/delete", {"password": DEMO_PASSWORD}).status_code == 303
    assert "membre supprimé a commenté votre publication" in text_of(as_member("bob").get("/notifications/").text)


def test_mark_one_and_all_as_read(app, people, as_member):
    for _ in range(3):
        notify(app, people["alice"], people["bob"])
    bob = as_member("bob")
    first = re.search(r'href="/notifications/(\d+)"', bob.get("/notifications/").text).group(1)
    fragment = post_form(bob, f"/notifications/{first}/read", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "is-unread" not in fragment.text and "<html" not in fragment.text
    assert "2 nouveaux éléments" in badge(bob)
    done = post_form(bob, "/notifications/read-all")
    assert done.status_code == 303
    assert "2 notifications marquées comme lues" in text_of(bob.get("/notifications/").text)
    assert badge(bob) == ""


def test_someone_elses_notification_is_404(app, people, as_member):
    notify(app, people["alice"], people["bob"])
    nid = run_async(app, Notification.select(Notification.id).first())["id"]
    carol = as_member("carol")
    assert carol.get(f"/notifications/{nid}", follow_redirects=False).status_code == 404
    assert post_form(carol, f"/notifications/{nid}/read").status_code == 404
    assert post_form(carol, f"/notifications/{nid}/read", headers={"HX-Request": "true"}).status_code == 404
    assert carol.get("/notifications/api").json()["notifications"] == []
    assert count(app, read_at=None) == 1
    assert carol.get("/notifications/99999999999").status_code == 404
    make_member(app, email="uma@example.org", pseudonym="Uma", site="uk")  # another edition's member
    uma = as_member("uma", site="uk")
    assert uma.get(f"/notifications/{nid}", follow_redirects=False).status_code == 404
    assert post_form(uma, f"/notifications/{nid}/read", headers={"HX-Request": "true"}).status_code == 404
    assert uma.get("/notifications/api").json()["notifications"] == []
    assert count(app, read_at=None) == 1


def test_pagination_and_empty_state(app, people, as_member):
    bob = as_member("bob")
    assert "Rien de nouveau pour le moment" in text_of(bob.get("/notifications/").text)
    for _ in range(25):
        notify(app, people["alice"], people["bob"])
    first = bob.get("/notifications/").text
    assert first.count('<li class="ntf') == 20 and "?page=2" in first
    second = bob.get("/notifications/?page=2").text
    assert second.count('<li class="ntf') == 5 and "?page=3" not in second
    api_page = bob.get("/notifications/api?page=2").json()
    assert len(api_page["notifications"]) == 5 and api_page["more"] is False
    assert bob.get("/notifications/api/unread").json() == {"unread": 25}


def test_preferences_per_kind_and_email_digest(app, people, as_member):
    bob = as_member("bob")
    settings = bob.get("/notifications/settings").text
    assert "Commentaires sur mes publications" not in settings  # wall is not installed in this app
    notify(app, people["alice"], people["bob"])  # now the kind is known to Bob
    settings = bob.get("/notifications/settings").text
    assert 'value="site:wall.comment" id="s-1" checked' in settings
    assert 'value="email:wall.comment" id="e-1">' in settings  # e-mail digest off by default
    saved = post_form(bob, "/notifications/settings", {"kind": "wall.comment", "on": "email:wall.comment"})
    assert saved.status_code == 303
    notify(app, people["carol"], people["bob"])
    assert count(app, member=people["bob"], shown=True) == 1  # off in the site: not listed
    assert "1 nouvel élément" in badge(bob)  # only the first one, shown before the change
    assert run_async(app, send_digests("fr")) == 1
    mail = sent_emails(app, "bob@example.org")[0]
    assert "1 nouvelle notification" in mail["subject"]
    assert "Carol a commenté votre publication" in mail["body"] and "/wall/posts/1" in mail["body"]
    assert run_async(app, send_digests("fr")) == 0  # each notification is e-mailed once
    post_form(bob, "/notifications/settings", {"kind": "wall.comment"})  # both off: nothing stored
    notify(app, people["carol"], people["bob"])
    assert count(app, member=people["bob"]) == 2


def test_export_and_erase(app, people, as_member):
    notify(app, people["alice"], people["bob"])
    bob = as_member("bob")
    post_form(bob, "/notifications/settings", {"kind": "wall.comment", "on": "email:wall.comment"})
    exported = bob.get("/me/export", headers={"accept": "application/json"}).json()["notifications"]
    assert exported["notifications"][0]["msgid"] == COMMENTED
    assert exported["preferences"] == [{"kind": "wall.comment", "in_site": False, "email_digest": True}]
    assert post_form(bob, "/me/delete", {"password": DEMO_PASSWORD}).status_code == 303
    assert count(app) == 0


def test_digest_command_sends_through_the_outbox(app, people, as_member, monkeypatch, capsys):
    """``entraide notifications digest`` (what cron runs) queues each pending digest once."""
    import argparse

    from plugins.notifications.hooks import register_cli_commands

    bob = as_member("bob")
    early = post_form(bob, "/notifications/settings", {"kind": "wall.comment", "on": "email:wall.comment"})
    assert early.status_code == 303  # a kind Bob is not offered yet: nothing to save, no error
    assert run_async(app, Preference.count()) == 0
    notify(app, people["alice"], people["bob"])
    post_form(bob, "/notifications/settings", {"kind": "wall.comment", "on": "email:wall.comment"})
    notify(app, people["alice"], people["bob"])
    settings = app.state.entraide.settings
    # The command builds its own app from the environment, like ``entraide`` under cron.
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ENTRAIDE_DATA_DIR", str(settings.data_dir))
    (command,) = register_cli_commands()
    parser = argparse.ArgumentParser(prog=f"entraide {command.name}")
    command.setup(parser)

    def digest() -> str:
        assert command.run(parser.parse_args(["digest", "--site", "fr"])) == 0
        return capsys.readouterr().out

    assert "1 digest e-mail(s) queued" in digest()
    mail = sent_emails(app, "bob@example.org")
    assert len(mail) == 1 and "Alice a commenté votre publication" in mail[0]["body"]
    assert "0 digest e-mail(s) queued" in digest()


def test_every_kind_bundled_plugins_send_is_named_in_the_preferences(app, people, as_member):
    """Kinds from groups and wall moderation show a translated label, not ``groups.quote``."""
    for kind in ("groups.quote", "groups.join_request", "groups.warning", "wall.warning"):
        notify(app, people["alice"], people["bob"], kind=kind)
    page = text_of(as_member("bob").get("/notifications/settings").text).replace("&#39;", "'")
    for label in (
        "Citations de mes réponses dans les groupes",
        "Demandes d'adhésion aux groupes que je modère",
        "Avertissements des modérateurs dans les groupes",
        "Avertissements des modérateurs sur mes publications",
    ):
        assert label in page, label
    assert "groups.quote" not in page
