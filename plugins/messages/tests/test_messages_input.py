"""Bad input gets a clear message and stores nothing; the new-conversation budget; the entry point."""

from __future__ import annotations

from core.testing import make_member, post_form, run_async, text_of
from plugins.messages.routes import NEW_PER_HOUR
from plugins.messages.tables import Conversation, Message


def stored(app) -> tuple[int, int]:
    return run_async(app, Conversation.count()), run_async(app, Message.count())


REFUSALS = [
    ({"to": "Bob", "body": "   \n  "}, "Écrivez un message avant d'envoyer."),
    ({"to": "Bob", "body": "x" * 10_001}, "Votre message est trop long : 10 001 caractères, 10 000 au maximum."),
    ({"to": "", "body": "Bonjour"}, "Indiquez au moins un membre à qui écrire."),
    ({"to": "Alice", "body": "Bonjour"}, "Vous ne pouvez pas vous écrire à vous-même."),
    ({"to": "Personne, Bob", "body": "Bonjour"}, "Aucun membre ne s'appelle Personne sur ce site."),
    ({"to": "Uma", "body": "Bonjour"}, "Aucun membre ne s'appelle Uma sur ce site."),  # another edition's member
    ({"to": "Bob", "subject": "s" * 121, "body": "Bonjour"}, "Le sujet est trop long : 120 caractères au maximum."),
]


def test_new_conversation_refusals(app, people, as_member):
    """One app for every case (cheaper on PostgreSQL); each one is refused on its own."""
    make_member(app, email="uma@example.org", pseudonym="Uma", site="uk")
    alice = as_member("alice")
    for form, expected in REFUSALS:
        response = post_form(alice, "/messages/new", form)
        assert response.status_code == 400, form
        page = text_of(response.text).replace("&#39;", "'")
        assert text_of(expected) in page, (expected, form)  # (text_of folds the French non-breaking spaces)
        assert 'aria-invalid="true"' in response.text
        assert stored(app) == (0, 0)


def test_at_most_twenty_participants(app, people, as_member):
    names = [f"Membre{i:02d}" for i in range(20)]
    for name in names:
        make_member(app, email=f"{name.lower()}@example.org", pseudonym=name)
    alice = as_member("alice")
    refused = post_form(alice, "/messages/new", {"to": ", ".join(names), "body": "Bonjour à tous"})
    assert refused.status_code == 400
    assert "au plus 20 participants" in text_of(refused.text)
    assert stored(app) == (0, 0)
    accepted = post_form(alice, "/messages/new", {"to": ", ".join(names[:19]), "body": "Bonjour à tous"})
    assert accepted.status_code == 303
    assert stored(app) == (1, 1)


def test_reply_refusals_keep_the_text_and_store_nothing(app, people, as_member):
    alice = as_member("alice")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Bonjour"}).headers["location"]
    too_long = "y" * 10_001
    page = post_form(alice, url, {"body": too_long})
    assert page.status_code == 400 and "trop long" in page.text and too_long in page.text
    fragment = post_form(alice, url, {"body": "  ", "after": "0"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "Écrivez un message" in fragment.text and "<html" not in fragment.text
    assert stored(app) == (1, 1)


def test_script_in_a_message_is_shown_as_text(app, people, as_member):
    alice, bob = as_member("alice"), as_member("bob")
    url = post_form(
        alice, "/messages/new", {"to": "Bob", "body": "<script>alert(1)</script> [lien](javascript:alert(2))"}
    ).headers["location"]
    html = bob.get(url).text
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_budget_of_new_conversations_per_hour(app, people, as_member):
    alice = as_member("alice")
    for i in range(NEW_PER_HOUR):
        assert (
            post_form(alice, "/messages/new", {"to": "Bob", "subject": f"Sujet {i}", "body": "Bonjour"}).status_code
            == 303
        )
    refused = post_form(alice, "/messages/new", {"to": "Carol", "body": "Bonjour"})
    assert refused.status_code == 429
    assert f"Vous avez commencé {NEW_PER_HOUR} conversations au cours de la dernière heure" in text_of(refused.text)
    assert "Bonjour" in refused.text  # the draft is kept
    assert stored(app) == (NEW_PER_HOUR, NEW_PER_HOUR)
    # continuing an existing conversation is not a new one
    again = post_form(alice, "/messages/new", {"to": "Bob", "subject": "Sujet 0", "body": "Encore"})
    assert again.status_code == 303


def test_entry_point_for_other_plugins_prefills_the_form(app, people, as_member):
    page = as_member("alice").get("/messages/new?to=Bob&to=@carol&subject=Fauteuil%20roulant%20%C3%A0%20louer")
    assert page.status_code == 200
    assert 'value="Bob, carol"' in page.text
    assert 'value="Fauteuil roulant à louer"' in page.text


def test_pages_need_a_member(app, client):
    assert client.get("/messages/", follow_redirects=False).status_code == 303
    assert client.get("/messages/api/unread", headers={"accept": "application/json"}).status_code == 401


def test_report_form_and_its_refusals(app, people, as_member):
    alice, bob = as_member("alice"), as_member("bob")
    url = post_form(alice, "/messages/new", {"to": "Bob", "body": "Achète mes pilules miracles"}).headers["location"]
    mid = run_async(app, Message.select(Message.id).first())["id"]
    form = bob.get(f"{url}/report/{mid}")
    assert form.status_code == 200 and "Pourquoi le signalez-vous" in text_of(form.text)
    assert "Achète mes pilules miracles" in form.text
    no_reason = post_form(bob, f"{url}/report/{mid}", {"reason": "", "note": ""})
    assert no_reason.status_code == 400 and "Choisissez pourquoi vous signalez ce message." in no_reason.text
    long_note = post_form(bob, f"{url}/report/{mid}", {"reason": "spam", "note": "n" * 501})
    assert long_note.status_code == 400 and "500 caractères au maximum" in text_of(long_note.text)
    assert 'value="spam" checked' in long_note.text  # what was chosen is kept
    from plugins.messages.tables import Report

    assert run_async(app, Report.count()) == 0
    assert post_form(bob, f"{url}/report/{mid}", {"reason": "spam"}).status_code == 303
    assert post_form(bob, f"{url}/report/{mid}", {"reason": "spam"}).status_code == 303
    assert "Vous avez déjà signalé ce message." in bob.get(url).text.replace("&#39;", "'")
    assert run_async(app, Report.count()) == 1
