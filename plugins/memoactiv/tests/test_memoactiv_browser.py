"""Real browser (Playwright + Debian's Chromium): one complete digit-span run, then its score in the history.

The member reads the instructions, does the practice round, pauses in the
middle of a sequence and resumes (the interrupted sequence is shown again),
starts the scored run and hides the page (another tab in front): the run is
void, the page says so, nothing is stored, and "Start again" gives a fresh
plan. Then the member plays the scored run with the keyboard alone: right at
length 3, wrong twice at length 4 (the stopping rule ends the run). The
browser measures the times and posts the trials; the server scores them; the
history lists the run with its score.
"""

from __future__ import annotations

import json

import pytest

from core.testing import CHROMIUM_ARGS, DEMO_PASSWORD, make_member, run_async, serve_app
from plugins.memoactiv.tables import Run

pytestmark = pytest.mark.browser


def _type(page, digits):
    keypad = page.locator(".ma-keypad")
    keypad.wait_for(state="visible", timeout=20_000)
    for digit in digits:
        keypad.get_by_role("button", name=str(digit), exact=True).click()
    keypad.get_by_role("button", name="Terminé").click()
    keypad.wait_for(state="hidden")


#: Resolves two frames (the one that paints what the page just drew has passed) and 300 ms later.
_AFTER_PAINT_AND_300_MS = (
    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))))"
)


def _keys(page, digits):
    """Answer with the keyboard alone: digit keys, then Enter."""
    keypad = page.locator(".ma-keypad")
    keypad.wait_for(state="visible", timeout=20_000)
    for digit in digits:
        page.keyboard.press(str(digit))
    page.keyboard.press("Enter")
    keypad.wait_for(state="hidden")


HIDE_PAGE = """() => {
  Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
  Object.defineProperty(document, "hidden", { value: true, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_one_digit_span_run_is_scored_and_in_the_history(make_app, chromium):
    from playwright.sync_api import expect, sync_playwright

    app = make_app()
    member_id = make_member(app, email="zoe@example.org", pseudonym="Zoé")
    with serve_app(app) as url, sync_playwright() as p:
        base = url.replace("127.0.0.1", "fr.localhost")
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.set_default_timeout(30_000)  # two shared cores: patience, not speed, is what is tested here
        expect.set_options(timeout=30_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/login")
        page.get_by_label("Adresse e-mail").fill("zoe@example.org")
        page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{base}/**")

        page.goto(f"{base}/memoactiv/train/span_forward")
        expect(page.locator("h1")).to_have_text("Chiffres à l’endroit")
        plan = json.loads(page.locator("#ma-runner").get_attribute("data-plan"))
        page.get_by_role("button", name="Commencer l’entraînement").click()

        # Practice: pause while the first sequence is shown, resume, then answer both.
        expect(page.locator(".ma-stimulus.ma-digit")).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.get_by_role("heading", name="En pause")).to_be_visible()
        page.get_by_role("button", name="Reprendre").click()
        for digits in plan["practice"]:
            _type(page, digits)
        page.get_by_role("button", name="Commencer l’exercice").click()

        # The page is hidden during the scored block: the run is void, nothing is stored.
        expect(page.locator(".ma-stimulus.ma-digit")).to_be_visible()
        void_token = page.locator("#ma-runner").get_attribute("data-token")
        with page.expect_response(lambda r: r.url.endswith(f"/runs/{void_token}/void")) as notice:
            page.evaluate(HIDE_PAGE)
        assert notice.value.status == 200  # the server forgot the plan
        expect(page.get_by_role("heading", name="Cet exercice n’a pas été compté")).to_be_visible()
        expect(page.locator(".ma-voided-text")).to_contain_text("la page a été masquée")
        expect(page.locator(".ma-keypad")).to_be_hidden()
        page.wait_for_timeout(3000)  # the sequence would have ended by now: nothing moves on, nothing is sent
        expect(page.locator(".ma-keypad")).to_be_hidden()
        expect(page.get_by_role("heading", name="Cet exercice n’a pas été compté")).to_be_visible()
        page.get_by_role("link", name="Recommencer").click()

        # Starting again: a fresh plan; the practice round may be skipped this time.
        page.wait_for_url(f"{base}/memoactiv/train/span_forward?again=1")
        fresh = json.loads(page.locator("#ma-runner").get_attribute("data-plan"))
        assert fresh != plan
        page.get_by_role("button", name="Passer l’entraînement et commencer l’exercice").click()

        trials = fresh["trials"]
        # The scored run is played with the keyboard only (the practice used the on-screen keypad).
        _keys(page, trials[0]["digits"])  # length 3: right
        _keys(page, [1])  # length 3: wrong (one right is enough to go on)
        _keys(page, [2])  # length 4: wrong
        _keys(page, [3])  # length 4: wrong twice: the run stops

        page.wait_for_url(f"{base}/memoactiv/results/*", timeout=20_000)
        expect(page.locator(".ma-score")).to_have_text("3")
        page.get_by_role("link", name="Voir mon historique").click()
        expect(page.locator(".ma-training-score").first).to_have_text("3")
        assert not errors, errors
        browser.close()
    runs = run_async(app, Run.select().where(Run.member == member_id).output(load_json=True))
    assert void_token not in {r["token"] for r in runs}  # nothing kept of the void block
    assert len(runs) == 1
    run = runs[0]
    assert run["status"] == "done" and run["mode"] == "training"
    assert [t["correct"] for t in run["trials"]] == [True, False, False, False]
    assert all(t["rt"] >= 100 for t in run["trials"])  # measured in the browser
    assert run["device"]["class"] in ("phone", "tablet", "desktop")


def test_the_arrows_practice_works_by_keyboard_and_touch_on_a_phone(make_app, chromium):
    """The colour-free arrows task on a 390 px touch screen: arrow keys and taps both answer, nothing overflows."""
    from playwright.sync_api import expect, sync_playwright

    app = make_app()
    make_member(app, email="zoe@example.org", pseudonym="Zoé")
    with serve_app(app) as url, sync_playwright() as p:
        base = url.replace("127.0.0.1", "fr.localhost")
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True).new_page()
        page.set_default_timeout(30_000)
        expect.set_options(timeout=30_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/login")
        page.get_by_label("Adresse e-mail").fill("zoe@example.org")
        page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{base}/**")

        page.goto(f"{base}/memoactiv/train/flanker")
        expect(page.locator("h1")).to_have_text("Flèches (flanker)")
        practice = json.loads(page.locator("#ma-runner").get_attribute("data-plan"))["practice"]
        page.get_by_role("button", name="Commencer l’entraînement").tap()
        arrows, feedback = page.locator(".ma-stimulus.ma-arrows"), page.locator(".ma-feedback")
        for n, item in enumerate(practice):
            expect(page.locator(".ma-progress")).to_have_text(f"Entraînement {n + 1} sur {len(practice)}")
            expect(arrows).to_be_visible()
            middle = arrows.inner_text().split()[2]
            assert middle == ("←" if item["target"] == "left" else "→")
            flank = "→" if (item["target"] == "left") != item["congruent"] else "←"
            assert arrows.inner_text().split()[0] == flank
            if n == 0:  # nothing wider than the phone while the arrows are shown
                assert page.evaluate("document.documentElement.scrollWidth") <= 390
            # The arrows are in the page before they are painted; the runner times the answer from the frame that
            # shows them and listens from then. Wait for that frame (two of ours), then a human reaction time:
            # answers under 100 ms are ignored as anticipations.
            page.evaluate(_AFTER_PAINT_AND_300_MS)
            wrong = n == 3
            side = item["target"] if not wrong else ("right" if item["target"] == "left" else "left")
            if n % 2:
                page.keyboard.press("ArrowLeft" if side == "left" else "ArrowRight")
            else:
                page.locator(f'.ma-respond[data-value="{side}"]').tap()
            expect(feedback).to_have_text("Pas tout à fait" if wrong else "Juste")
        expect(page.get_by_role("heading", name="L’entraînement est terminé")).to_be_visible()
        assert not errors, errors
        browser.close()
