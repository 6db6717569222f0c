"""Real-browser journey: Playwright drives Debian's Chromium against a live server.

Signs up on fr.localhost, sees French, grants then withdraws a consent.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.testing import CHROMIUM_ARGS

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_server(database_url, tmp_path, chromium):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
    env.update({"DATABASE_URL": database_url, "ENTRAIDE_DATA_DIR": str(tmp_path / "var"), "ENTRAIDE_DEMO": "true"})
    proc = subprocess.Popen(  # noqa: S603 - fixed argv, our own server
        [sys.executable, "-m", "uvicorn", "--factory", "core.asgi:create_app_from_env", "--port", str(port)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {proc.stderr.read().decode()[-2000:]}")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_signup_in_french_then_grant_and_withdraw_consent(live_server, chromium, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    port = live_server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=CHROMIUM_ARGS,
        )
        page = browser.new_page()
        page.goto(f"http://fr.localhost:{port}/signup")
        assert page.locator("html").get_attribute("lang") == "fr"
        expect(page.locator("h1")).to_have_text("Créer un compte")
        page.get_by_label("Pseudonyme").fill("Zoé")
        page.get_by_label("Adresse e-mail").fill("zoe@example.org")
        page.get_by_label("Mot de passe").fill("une phrase de passe assez longue")
        page.get_by_label("Année de naissance").fill("1988")
        page.locator("#f-consent_core\\.terms").check()
        page.locator("#f-consent_core\\.health_data").check()
        page.get_by_role("button", name="Créer mon compte").click()
        expect(page.locator("h1")).to_have_text("Vérifiez votre messagerie")
        page.get_by_role("link", name="Se connecter").last.click()
        page.get_by_label("Adresse e-mail").fill("zoe@example.org")
        page.get_by_label("Mot de passe").fill("une phrase de passe assez longue")
        page.locator("main").get_by_role("button", name="Se connecter").click()
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        page.goto(f"http://fr.localhost:{port}/me/consents")
        row = page.locator("#purpose-core\\.partner_studies")
        expect(row.locator(".badge")).to_have_text("non accordé")
        row.get_by_role("button", name="Accorder").click()
        expect(page.locator("#purpose-core\\.partner_studies .badge")).to_have_text("accordé")
        page.locator("#purpose-core\\.partner_studies").get_by_role("button", name="Retirer").click()
        expect(page.locator("#purpose-core\\.partner_studies .badge")).to_have_text("non accordé")
        page.screenshot(path=str(tmp_path / "consents.png"), full_page=True)
        browser.close()
