"""Demo data: Camille has several conversations, some unread, and notifications (entraide demo)."""

from __future__ import annotations

import re

from core.testing import login, seed_demo, text_of


def test_camille_has_conversations_some_unread_and_notifications(make_app, client_for):
    app = make_app(plugins=["messages", "notifications"])  # the Health Box's six months would only slow this down
    seed_demo(app)
    camille = client_for("fr", app)
    login(camille, "camille@demo.entraide.test")
    inbox = camille.get("/messages/")
    titles = [t.strip() for t in re.findall(r"class=\"msg-inbox-title\">([^<]+)", inbox.text)]
    assert len(titles) >= 4 and "Groupe de marche du dimanche" in titles
    unread = [int(n) for n in re.findall(r"(\d+) non lus?", text_of(inbox.text))]
    assert len(unread) >= 2 and sum(unread) == 6
    group = re.search(r'href="/messages/(\d+)"[^>]*>\s*<span class="msg-inbox-title">Groupe', inbox.text).group(1)
    assert "Pensez à prendre de l'eau" in camille.get(f"/messages/{group}").text.replace("&#39;", "'")
    notifications = text_of(camille.get("/notifications/").text)
    assert "vous a envoyé une demande d'ami" in notifications.replace("&#39;", "'")
    assert "Tout marquer comme lu" in notifications
    for email in ("oliver@demo.entraide.test", "lena@demo.entraide.test"):
        other = client_for("uk" if email.startswith("oliver") else "de", app)
        login(other, email)
        assert other.get("/messages/").text.count('class="msg-inbox-item') == 1
        assert other.get("/notifications/").text.count('<li class="ntf') == 6
