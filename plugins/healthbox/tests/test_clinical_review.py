"""Clinical review fixes (issue 14 items 4, 9, 11–14), with hand-computed examples from both sides."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from core.api import DATE_FIELD, validate_entry
from core.testing import edition_today, login, make_member, post_form, run_async, text_of
from plugins.healthbox import services
from plugins.healthbox.tables import QuestionnaireResponse
from plugins.healthbox.trackers import sleep, tobacco, weight

TODAY = date(2024, 3, 10)


def _week(*counts: int) -> list[tuple[date, int]]:
    return [(TODAY - timedelta(days=n), count) for n, count in enumerate(reversed(counts))]


@pytest.mark.parametrize(
    ("counts", "whole", "points"),
    [
        ((10, 11, 10, 11, 10, 11, 10), 10, 0),  # mean 73/7 = 10.43 → 10 cigarettes → 0 points (was 1)
        ((10, 11, 10, 11, 10, 11, 11, 10), 11, 1),  # 8th day is outside the window: 74/7 = 10.57 → 11
        ((10, 11), 11, 1),  # 10.5 rounds half-up to 11
        ((20, 21), 21, 2),  # 20.5 → 21
        ((20, 20, 21), 20, 1),  # 20.33 → 20
        ((30, 31), 31, 3),  # 30.5 → 31
    ],
)
def test_ftnd_item_four_counts_whole_cigarettes(counts: tuple[int, ...], whole: int, points: int) -> None:
    assert tobacco.typical_daily_cigarettes(_week(*counts), end=TODAY) == whole
    assert tobacco.ftnd_item4_points(whole) == points


def test_ftnd_item_four_refuses_a_mean() -> None:
    with pytest.raises(TypeError):
        tobacco.ftnd_item4_points(10.4)  # type: ignore[arg-type]
    assert tobacco.typical_daily_cigarettes([], end=TODAY) is None


def test_weight_loss_prompt_respects_pregnancy_and_intentional_loss() -> None:
    five = [(TODAY - timedelta(days=30), Decimal(80)), (TODAY, Decimal(76))]  # exactly 5 % in 30 days
    below = [(TODAY - timedelta(days=30), Decimal(80)), (TODAY, Decimal("76.1"))]  # 4.875 %
    assert weight.weight_loss_prompt(five, end=TODAY) is not None
    assert weight.weight_loss_prompt(below, end=TODAY) is None
    assert weight.weight_loss_prompt(five, end=TODAY, pregnant=True) is None
    assert weight.weight_loss_prompt(five, end=TODAY, intentional=True) is None
    half_year = [(TODAY - timedelta(days=182), Decimal(80)), (TODAY, Decimal(72))]  # exactly 10 % in 6 months
    assert weight.weight_loss_prompt(half_year, end=TODAY) is not None


NIGHT = {DATE_FIELD: "2024-03-10", "sol_min": "15", "n_awak": "0", "waso_min": "0", "quality": "3"}


def test_late_sleeper_going_to_bed_after_midnight_and_up_after_noon() -> None:
    times = {"t_bed": "03:00", "t_try": "03:10", "t_final": "11:50", "t_out": "12:10"}
    result = validate_entry(sleep.TRACKER, {**NIGHT, **times}, today=TODAY)
    assert result.ok, result.errors
    assert result.values["t_bed"] == datetime(2024, 3, 10, 3, 0)
    assert result.values["t_out"] == datetime(2024, 3, 10, 12, 10)  # was refused: "before your final awakening"
    assert result.derived["tib_min"] == 550  # 03:00 → 12:10
    assert result.derived["tst_min"] == 505  # (11:50 − 03:10) − 15 − 0
    assert result.derived["se_pct"] == Decimal("91.8")  # 100 × 505 / 550 = 91.81…


def test_day_sleeper_switch_keeps_the_sleep_on_the_diary_date() -> None:
    times = {
        "t_bed": "13:00",
        "t_try": "13:15",
        "t_final": "20:30",
        "t_out": "21:00",
        "waso_min": "20",
        "sol_min": "10",
    }
    without = validate_entry(sleep.TRACKER, {**NIGHT, **times}, today=TODAY)
    assert without.values["t_bed"] == datetime(2024, 3, 9, 13, 0)  # after noon: the evening-before rule
    switched = validate_entry(sleep.TRACKER, {**NIGHT, **times, "day_sleep": "1"}, today=TODAY)
    assert switched.ok, switched.errors
    assert switched.values["t_bed"] == datetime(2024, 3, 10, 13, 0)
    assert switched.values["t_out"] == datetime(2024, 3, 10, 21, 0)
    assert switched.derived["tst_min"] == 405  # (20:30 − 13:15) − 10 − 20
    assert switched.derived["se_pct"] == Decimal("84.4")  # 100 × 405 / 480 = 84.375 → 84.4 (half-up)


def test_typing_mistakes_are_still_reported() -> None:
    mistake = validate_entry(
        sleep.TRACKER, {**NIGHT, "t_bed": "23:00", "t_try": "22:30", "t_final": "06:30", "t_out": "07:00"}, today=TODAY
    )
    assert set(mistake.errors) == {"t_try"}


@pytest.fixture
def on_site(app, client_for):
    def factory(site: str, email: str = "clinic@example.org"):
        member_id = make_member(app, email=email, pseudonym=f"Clinic {site}", site=site)
        client = client_for(site)
        login(client, email)
        return client, member_id

    return factory


def test_hsi_is_shown_and_stored_and_item_four_is_prefilled(app, on_site):
    client, member_id = on_site("uk")
    for n, count in enumerate((10, 11, 10, 11, 10, 11, 10)):
        day = (edition_today("uk") - timedelta(days=n)).isoformat()
        assert post_form(client, "/healthbox/tobacco/", {"date": day, "cigs_today": str(count)}).status_code == 303
    page = client.get("/healthbox/tobacco/q/ftnd/")
    assert "about 10 cigarettes a day" in text_of(page.text)
    assert 'name="ftnd_4" value="0" checked' in page.text  # 10.43 a day → 10 → "10 or less"
    answers = {"ftnd_1": "3", "ftnd_2": "0", "ftnd_3": "1", "ftnd_4": "1", "ftnd_5": "0", "ftnd_6": "0"}
    result = post_form(client, "/healthbox/tobacco/q/ftnd/", answers)
    text = text_of(result.text)
    assert "Your result: 5" in text  # 3 + 0 + 1 + 1 + 0 + 0
    assert "Heaviness of Smoking Index: 4 / 6 — Moderate" in text  # item 1 (3) + item 4 (1)
    assert "NHS Smokefree National Helpline on 0300 123 1044" in text  # FTND ≥ 5
    row = run_async(app, QuestionnaireResponse.select().where(QuestionnaireResponse.member == member_id))[0]
    assert services.loads(row["derived"]) == {"hsi": 4, "hsi_band": "Moderate"} and row["language"] == "en"
    history = text_of(client.get("/healthbox/tobacco/q/ftnd/").text)
    assert "Heaviness of Smoking Index: 4" in history


def test_tobacco_page_shows_the_editions_quit_line_when_smoking_is_logged(on_site):
    for site, expected in (("fr", "Tabac Info Service au 39 89"), ("tn", "votre médecin ou votre pharmacien")):
        client, _ = on_site(site, email=f"smoker-{site}@example.org")
        assert "hb-prompt" not in client.get("/healthbox/tobacco/").text
        post_form(client, "/healthbox/tobacco/", {"date": edition_today().isoformat(), "cigs_today": "4"})
        page = text_of(client.get("/healthbox/tobacco/").text)
        assert expected in page


def test_weight_page_has_no_loss_prompt_for_intentional_loss(app, on_site):
    client, _ = on_site("fr")
    post_form(client, "/healthbox/settings", {"height_cm": "170"})
    for days, kg in ((30, "80"), (15, "78"), (0, "75,5")):
        day = (edition_today() - timedelta(days=days)).isoformat()
        post_form(client, "/healthbox/weight/", {"date": day, "weight": kg, "confirm_outliers": "1"})
    assert "Votre poids a nettement baissé" in text_of(client.get("/healthbox/weight/").text)  # 5.6 % in 30 days
    post_form(client, "/healthbox/settings", {"height_cm": "170", "intentional_loss": "1"})
    assert "Votre poids a nettement baissé" not in text_of(client.get("/healthbox/weight/").text)
    post_form(client, "/healthbox/settings", {"height_cm": "170", "pregnant": "1"})
    assert "Votre poids a nettement baissé" not in text_of(client.get("/healthbox/weight/").text)


def test_pss_result_calls_its_ranges_indicative_not_the_authors(make_app, client_for):
    app = make_app(licensed_instruments=["pss10"])
    make_member(app, email="pss@example.org", pseudonym="Pss", site="uk")
    client = client_for("uk", app)
    login(client, "pss@example.org")
    page = client.get("/healthbox/feeling/q/pss10/")
    text = text_of(page.text)
    assert "during the last month" in text and "Think about the last 30 days." in text
    assert "In the last month, how often have you been upset because of something that happened unexpectedly?" in text
    answers = dict.fromkeys(dict.fromkeys(re.findall(r'name="(pss10_\d+)"', page.text)), "2")
    result = text_of(post_form(client, "/healthbox/feeling/q/pss10/", answers).text)
    assert "Your result: 20" in result  # ten items at 2; reversed items 4 − 2 = 2
    assert "indicative range: Moderate (indicative)" in result and "set no cut-offs" in result
    assert "the questionnaire's authors call" not in result
