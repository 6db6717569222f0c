"""Conversations as members use them: start, read, reply, unread badge, read markers, groups."""

from __future__ import annotations

import re

from core.testing import post_form, text_of


def badge(client) -> str:
    html = client.get("/messages/").text
    found = re.search(r'<a href="/messages/"[^>]*>Messages<span class="nav-badge"[^>]*>(.*?)</span></a>', html, re.S)
    assert found, "no messages entry in the navigation"
    return text_of(found.group(1))


def start(client, to: str, body: str = "Bonjour !", subject: str = "") -> str:
    response = post_form(client, "/messages/new", {"to": to, "subject": subject, "body": body})
    assert response.status_code == 303, response.text[:500]
    return response.headers["location"]


def test_one_to_one_conversation_unread_then_read(people, as_member):
    alice, bob = as_member("alice"), as_member("bob")
    assert badge(bob) == ""
    url = start(alice, "bob", "Salut Bob, **comment** vas-tu ?")
    assert re.fullmatch(r"/messages/\d+", url)
    assert "1 nouvel élément" in badge(bob) or "1 new item" in badge(bob)
    inbox = bob.get("/messages/").text
    assert "1 non lu" in text_of(inbox) or "1 unread" in text_of(inbox)
    page = bob.get(url)
    assert page.status_code == 200
    assert "<strong>comment</strong>" in page.text
    assert badge(bob) == ""
    # Alice sees that Bob read it
    assert 'id="read-receipt"' in alice.get(url).text
    assert "Vu" in text_of(alice.get(url).text.split('id="read-receipt"')[1][:200])
    reply = post_form(bob, url, {"body": "Très bien, merci."})
    assert reply.status_code == 303 and reply.headers["location"].startswith(url + "#m-")
    assert "Très bien, merci." in alice.get(url).text


def test_same_people_and_subject_continue_the_same_conversation(people, as_member):
    alice = as_member("alice")
    first = start(alice, "Bob")
    again = start(alice, "bob ", "Encore moi")
    assert again.split("#")[0] == first
    other_subject = start(alice, "Bob", "Autre chose", subject="Béquilles")
    assert other_subject != first


def test_group_conversation_and_leaving_it(people, as_member):
    alice, bob, carol = as_member("alice"), as_member("bob"), as_member("carol")
    url = start(alice, "Bob, @Carol", "Rendez-vous dimanche ?", subject="Marche")
    page = carol.get(url).text
    assert "Marche" in page and "Bob" in page and "Alice" in page
    post_form(bob, url, {"body": "Oui !"})
    assert "Oui !" in carol.get(url).text
    receipt = alice.get(url).text.split('id="read-receipt"')[1].split("</p>")[0]
    assert "Vu par Carol" in receipt and "Bob" not in receipt  # its author is not listed
    left = post_form(carol, f"{url}/leave")
    assert left.status_code == 303
    assert carol.get(url).status_code == 404
    post_form(bob, url, {"body": "Dommage."})
    assert badge(carol) == ""
    assert "Carol" not in text_of(alice.get(url).text.split("</h1>")[1].split("</p>")[0])


def test_htmx_reply_returns_the_new_message_and_the_next_marker(people, as_member):
    alice, bob = as_member("alice"), as_member("bob")
    url = start(alice, "Bob")
    page = bob.get(url).text
    after = re.search(r'id="messages-after" name="after" value="(\d+)"', page).group(1)
    response = post_form(bob, url, {"body": "En direct", "after": after}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "En direct" in response.text and "<html" not in response.text
    new_after = re.search(r'id="messages-after" name="after" value="(\d+)"', response.text).group(1)
    assert int(new_after) > int(after)
    updates = alice.get(f"{url}/updates?after={after}", headers={"HX-Request": "true"})
    assert "En direct" in updates.text
