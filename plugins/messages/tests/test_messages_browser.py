"""Real browsers (Playwright + Debian's Chromium): a message appears live in the other member's open page.

Two members in two browser contexts (phone-sized). Bob keeps one conversation
open; Alice answers in it and then starts another conversation with him. Bob's
page shows the new message, and his unread badges (messages, notifications, and
the phone menu's total) light up, without a reload.
"""

from __future__ import annotations

import pytest

from core.testing import CHROMIUM_ARGS, DEMO_PASSWORD, make_member, serve_app

pytestmark = pytest.mark.browser


def log_in(browser, base: str, email: str):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{base}/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/**")
    return page


def test_message_and_badge_arrive_without_reload(make_app, chromium, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    app = make_app()
    for name in ("Alice", "Bob", "Carol"):
        make_member(app, email=f"{name.lower()}@example.org", pseudonym=name)
    with serve_app(app) as url, sync_playwright() as p:
        base = url.replace("127.0.0.1", "fr.localhost")
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        alice, bob = log_in(browser, base, "alice@example.org"), log_in(browser, base, "bob@example.org")

        alice.goto(f"{base}/messages/new?to=Bob")
        alice.get_by_label("Message").fill("Bonjour Bob, tu viens dimanche ?")
        alice.get_by_role("button", name="Envoyer").click()
        alice.wait_for_url(f"{base}/messages/*")
        conversation = alice.url

        bob.goto(conversation)
        expect(bob.locator("#message-list")).to_contain_text("tu viens dimanche")
        badge = bob.locator('.nav-wide a[href="/messages/"] .nav-badge')  # the item's badge (wide screens)
        menu = bob.locator(".nav-compact summary .nav-badge")  # what a phone shows: the menu's total
        notified = bob.locator('.nav-wide a[href="/notifications/"] .nav-badge')
        expect(badge).to_be_empty()
        expect(notified).to_contain_text("1")  # "Alice started a conversation with you"
        expect(menu).to_contain_text("1")
        bob.wait_for_function("() => document.body.getAttribute('sse-connect') === '/live'")
        bob.evaluate("() => { window.stillTheSamePage = true; }")
        bob.wait_for_timeout(500)  # let the event stream connect

        alice.get_by_label("Votre réponse").fill("Réponds-moi quand tu peux 🙂")
        alice.get_by_role("button", name="Envoyer").click()
        expect(alice.locator("#message-list")).to_contain_text("Réponds-moi quand tu peux")
        expect(alice.get_by_label("Votre réponse")).to_have_value("")
        expect(bob.locator("#message-list")).to_contain_text("Réponds-moi quand tu peux", timeout=10_000)
        expect(bob.locator("#message-list li")).to_have_count(2)  # no duplicate

        alice.goto(f"{base}/messages/new?to=Bob,Carol")
        alice.get_by_label("Message").fill("Groupe de marche : on part à 10 h")
        alice.get_by_role("button", name="Envoyer").click()
        expect(badge).to_contain_text("1", timeout=10_000)
        expect(notified).to_contain_text("2")
        expect(menu).to_have_text("3")  # on a phone the menu button shows the total, live too
        expect(menu).to_be_visible()
        assert bob.evaluate("() => window.stillTheSamePage") is True  # nothing reloaded
        expect(alice.locator("#read-receipt")).to_have_text("")  # Bob has not opened the group yet

        bob.screenshot(path=str(tmp_path / "bob-390.png"), full_page=True)
        browser.close()
