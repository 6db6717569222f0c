"""Smaller promises: readable device names, one CSV charset."""

from __future__ import annotations

from datetime import date

from core.identity.devices import device_name
from core.middleware import _one_charset
from core.testing import login, make_member, post_form, text_of

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def test_sessions_page_names_devices_like_people_do(client_for, app):
    make_member(app, email="alice@example.org")
    laptop, phone = client_for("fr"), client_for("fr")
    laptop.headers["user-agent"] = FIREFOX_LINUX
    phone.headers["user-agent"] = SAFARI_IPHONE
    login(laptop, "alice@example.org")
    login(phone, "alice@example.org")
    page = text_of(laptop.get("/me/sessions").text)
    assert "Firefox sur Linux" in page and "Mobile Safari sur iOS" in page
    assert "Mozilla/5.0" not in page
    assert device_name("curl/8.5.0", str) == "curl"  # no operating system: the program alone
    assert device_name("", str) == "Unknown device"


def test_csv_content_type_is_sent_once(client, app):
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    post_form(client, "/healthbox/weight/", {"date": date.today().isoformat(), "weight": "64.2"})
    response = client.get("/healthbox/export.csv?tracker=weight")
    assert response.status_code == 200
    assert response.headers.get_list("content-type") == ["text/csv; charset=utf-8"]
    assert _one_charset((b"content-type", b"text/csv; charset=utf-8; charset=utf-8")) == (
        b"content-type",
        b"text/csv; charset=utf-8",
    )
