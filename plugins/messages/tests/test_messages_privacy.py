"""Export (conversations, messages written, reports) and erasure ("deleted member" for the others)."""

from __future__ import annotations

from core.testing import DEMO_PASSWORD, post_form, run_async, text_of
from plugins.messages.tables import Conversation, Message, Participant, Report


def test_export_lists_conversations_messages_and_reports(app, people, as_member):
    alice, bob = as_member("alice"), as_member("bob")
    url = post_form(
        alice, "/messages/new", {"to": "Bob", "subject": "Béquilles", "body": "Tu les as encore ?"}
    ).headers["location"]
    mid = post_form(bob, url, {"body": "Oui, passe les prendre"}).headers["location"].split("#m-")[1]
    post_form(alice, f"{url}/report/{mid}", {"reason": "spam", "note": "démarchage"})
    data = alice.get("/me/export", headers={"accept": "application/json"}).json()["messages"]
    assert data["conversations"][0]["subject"] == "Béquilles"
    assert data["conversations"][0]["participants"] == "Bob"
    assert [m["text"] for m in data["messages_written"]] == ["Tu les as encore ?"]  # only what Alice wrote
    assert data["reports_filed"][0]["reason"] == "spam" and data["reports_filed"][0]["note"] == "démarchage"
    assert "Oui, passe les prendre" not in str(data)


def test_erasure_deletes_their_messages_and_leaves_deleted_member(app, people, as_member):
    alice, bob, carol = as_member("alice"), as_member("bob"), as_member("carol")
    one = post_form(alice, "/messages/new", {"to": "Bob", "body": "Message d'Alice"}).headers["location"]
    post_form(bob, one, {"body": "Réponse de Bob"})
    group = post_form(bob, "/messages/new", {"to": "Alice, Carol", "body": "Groupe de Bob"}).headers["location"]
    post_form(alice, group, {"body": "Alice dans le groupe"})
    alone = post_form(alice, "/messages/new", {"to": "Carol", "body": "Pour Carol"}).headers["location"]
    mid = run_async(app, Message.select(Message.id).where(Message.body == "Réponse de Bob").first())["id"]
    post_form(alice, f"{one}/report/{mid}", {"reason": "other"})
    assert post_form(alice, "/me/delete", {"password": DEMO_PASSWORD}).status_code == 303

    assert run_async(app, Message.count().where(Message.sender == people["alice"])) == 0
    assert run_async(app, Report.count()) == 0
    assert run_async(app, Participant.count().where(Participant.member == people["alice"])) == 0
    page = text_of(bob.get(one).text)
    assert "Réponse de Bob" in page and "Message d'Alice" not in page
    assert "membre supprimé" in page and "Plus personne d'autre n'est dans cette conversation" in page
    refused = post_form(bob, one, {"body": "Tu es là ?"})
    assert refused.status_code == 400
    group_page = text_of(carol.get(group).text)
    assert "Groupe de Bob" in group_page and "Alice dans le groupe" not in group_page
    assert "Participants : vous, Bob, membre supprimé" in group_page
    assert "membre supprimé" in text_of(carol.get(alone).text)
    # a conversation nobody can read any more is gone
    post_form(carol, "/me/delete", {"password": DEMO_PASSWORD})
    remaining = {r["id"] for r in run_async(app, Conversation.select(Conversation.id))}
    assert int(alone.rsplit("/", 1)[1]) not in remaining
    assert int(one.rsplit("/", 1)[1]) in remaining
