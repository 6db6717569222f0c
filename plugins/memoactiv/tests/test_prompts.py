"""The suggestion to talk to a professional: at most once per 7 days, each showing logged with its version (§9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.testing import login, make_member, post_form, run_async, text_of
from plugins.memoactiv.demo import seed_member
from plugins.memoactiv.prompts import DECLINE, REPEAT_AFTER, Prompt, is_due, prompt_log, show_prompt
from plugins.memoactiv.tables import PromptLog
from plugins.memoactiv.tests.test_demo import _decline

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TITLE = "Vos derniers résultats sont en dessous de votre zone habituelle"


def test_a_prompt_is_due_again_seven_days_after_it_was_shown():
    assert is_due(None, T0)
    assert not is_due(T0, T0)
    assert not is_due(T0, T0 + timedelta(days=6, hours=23, minutes=59))
    assert is_due(T0, T0 + timedelta(days=7))
    assert timedelta(days=7) == REPEAT_AFTER


def test_the_message_version_changes_with_its_texts():
    assert DECLINE.version.startswith("decline-1+") and len(DECLINE.version) == len("decline-1+") + 12
    changed = Prompt(DECLINE.key, DECLINE.message_id, (*DECLINE.texts[:-1], "Another last paragraph."))
    assert changed.version != DECLINE.version and changed.version.startswith("decline-1+")


def test_showings_are_logged_once_a_week_with_their_version(app):
    member_id = make_member(app, email="dates@example.org", pseudonym="Dates")
    other_id = make_member(app, email="other@example.org", pseudonym="Other")
    shown = [
        run_async(app, show_prompt(member_id, DECLINE, "fr", at=T0 + offset))
        for offset in (timedelta(0), timedelta(hours=1), timedelta(days=6, hours=23), timedelta(days=7))
    ]
    assert shown == [True, False, False, True]
    assert run_async(app, show_prompt(other_id, DECLINE, "de", at=T0))  # another member: their own week
    log = run_async(app, prompt_log(member_id))
    assert [(row["prompt_key"], row["message_version"], row["language"]) for row in log] == [
        ("memoactiv.decline", DECLINE.version, "fr")
    ] * 2
    assert [row["shown_at"] for row in log] == [T0, T0 + timedelta(days=7)]


def test_the_page_shows_the_suggestion_once_a_week_and_export_and_erase_cover_the_log(app, client_for):
    member_id = make_member(app, email="demo@example.org", pseudonym="Demo")
    site = app.state.entraide.site("fr")
    run_async(app, seed_member(member_id, site.tz, "fr", weeks=8))
    client = client_for("fr")
    login(client, "demo@example.org")
    _decline(app, member_id, "span_forward", 2)
    _decline(app, member_id, "rt_simple", 800)
    first = client.get("/memoactiv/")
    assert TITLE in text_of(first.text) and f'data-message-version="{DECLINE.version}"' in first.text
    again = text_of(client.get("/memoactiv/").text)
    assert TITLE not in again and "parler à votre médecin" not in again  # not twice in a week
    assert "en dessous de votre zone habituelle" in again  # the exercises still say where they stand
    log = run_async(app, PromptLog.select().where(PromptLog.member == member_id))
    assert len(log) == 1 and log[0]["message_version"] == DECLINE.version and log[0]["language"] == "fr"
    # Seven days later the suggestion comes back, and is logged again.
    week_ago = log[0]["shown_at"] - timedelta(days=7)
    run_async(app, PromptLog.update({PromptLog.shown_at: week_ago}).where(PromptLog.id == log[0]["id"]))
    assert TITLE in text_of(client.get("/memoactiv/").text)
    assert run_async(app, PromptLog.count().where(PromptLog.member == member_id)) == 2
    exported = client.get("/me/export").json()["memoactiv"]["prompts_shown"]
    assert [row["message_version"] for row in exported] == [DECLINE.version] * 2
    assert post_form(client, "/me/delete", {"password": "entraide-demo-2026"}).status_code == 303
    assert run_async(app, PromptLog.count().where(PromptLog.member == member_id)) == 0
