"""core.api.read_form: numbers typed the local way, days in the edition's time zone, translated errors."""

from __future__ import annotations

from datetime import date

from core.forms import FormReader


def reader(data, sign=",", today=date(2026, 3, 10)):
    return FormReader(data, gettext=lambda m: m, decimal_sign=sign, today=today)


def test_numbers_in_local_notation():
    form = reader({"a": "1,5", "b": "1 234,5", "c": "1.234,5", "d": "1.5", "e": "", "f": "12abc"})
    assert [str(form.decimal(k)) for k in "abcd"] == ["1.5", "1234.5", "1234.5", "1.5"]
    assert form.decimal("e") is None and form.decimal("f") is None
    assert form.errors == {"f": "Enter a number, for example 12,5."}
    english = reader({"a": "1,234.5", "b": "2,5", "c": "1e309", "d": "nan"}, sign=".")
    assert [str(english.decimal(k)) for k in "ab"] == ["1234.5", "2.5"]
    assert english.decimal("c") is None and english.decimal("d") is None and set(english.errors) == {"c", "d"}


def test_bounds_integers_text_choice_checkbox():
    form = reader({"n": "-1", "m": "101", "i": "2,5", "t": "x" * 11, "c": "other", "box": "on", "ok": "7"})
    assert form.decimal("n", minimum=0) is None and form.errors["n"] == "Enter a value of at least 0."
    assert form.integer("m", maximum=100) is None and form.errors["m"] == "Enter a value of at most 100."
    assert form.integer("i") is None and form.errors["i"] == "Enter a whole number."
    assert form.integer("ok", minimum=0, maximum=10) == 7
    assert form.text("t", max_length=10) == "x" * 11 and form.errors["t"] == "At most 10 characters."
    assert form.choice("c", ["a", "b"]) is None and form.errors["c"] == "Choose one of the options."
    assert form.checkbox("box") and not form.checkbox("missing")
    assert form.text("missing", required=True) == "" and form.errors["missing"] == "This field is required."
    assert form.values["ok"] == "7"


def test_dates_use_the_edition_day():
    form = reader({"past": "2026-03-09", "today": "2026-03-10", "future": "2026-03-11", "bad": "10/03/2026"})
    assert form.date("today") == date(2026, 3, 10) and form.date("past") == date(2026, 3, 9)
    assert form.date("future") is None and form.errors["future"] == "This date is in the future."
    assert form.date("bad") is None and form.errors["bad"] == "Enter a date."
    assert reader({"d": "2026-03-11"}).date("d", allow_future=True) == date(2026, 3, 11)
    old = reader({"d": "1890-01-01"})
    assert old.date("d", earliest=date(1900, 1, 1)) is None and old.errors["d"] == "This date is too far in the past."


def test_read_form_translates_and_knows_the_edition(make_app, client_for):
    from fixture_plugins import greeter
    from fixture_plugins.greeter import hooks
    from litestar import Request, post

    from core.api import read_form
    from core.testing import post_form

    @post("/greeter/form", name="greeter:form", opt={"plugin": "greeter"})
    async def handler(request: Request) -> dict:
        form = await read_form(request)
        form.decimal("dose", minimum=0)
        form.date("day")
        return {"errors": form.errors, "sign": form.decimal_sign, "today": form.today.isoformat()}

    hooks.EXTRA_ROUTES[:] = [handler]
    try:
        app = make_app(extra_plugins=[greeter])
        body = post_form(client_for("fr", app), "/greeter/form", {"dose": "abc", "day": "2999-01-01"}).json()
    finally:
        hooks.EXTRA_ROUTES.clear()
    assert body["sign"] == ","
    assert body["errors"] == {
        "dose": "Saisissez un nombre, par exemple 12,5.",
        "day": "Cette date est dans le futur.",
    }
