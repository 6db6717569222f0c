"""Only configured hosts are served; absolute links come from configuration, never from Host."""

from __future__ import annotations

import re

from litestar.testing import TestClient

from core.tables import OutboxEmail
from core.testing import csrf_token, make_member, post_form, run_async


def _reset_mails(app):
    return run_async(app, OutboxEmail.select(OutboxEmail.body).where(OutboxEmail.to_email == "alice@example.org"))


def test_unknown_host_gets_400_and_no_mail(app, client):
    make_member(app, email="alice@example.org")
    token = csrf_token(client)
    for path in ("/", "/login", "/no-such-page", "/static/themes/default/css/base.css"):
        page = client.get(path, headers={"host": "evil.example"})
        assert page.status_code == 400, path
        assert "does not answer for that host" in page.text
        assert page.headers["x-frame-options"] == "DENY"  # security headers on the refusal too
    attack = client.post(
        "/password/reset",
        data={"email": "alice@example.org", "_csrf_token": token},
        headers={"host": "evil.example:8000"},
        follow_redirects=False,
    )
    assert attack.status_code == 400
    assert _reset_mails(app) == []
    assert client.get("/", headers={"host": "FR.localhost."}).status_code == 200  # case and final dot


def test_reset_link_uses_the_edition_base_url(app, client):
    make_member(app, email="alice@example.org")
    assert post_form(client, "/password/reset", {"email": "alice@example.org"}).status_code == 200
    (mail,) = _reset_mails(app)
    assert re.search(r"^http://fr\.localhost:8000/password/reset/\S+$", mail["body"], re.M)


def test_extra_allowed_host_is_served_but_links_stay_configured(make_app, tmp_path):
    editions = tmp_path / "editions.toml"
    editions.write_text(
        '[fr]\nname = "Entraide France"\nhosts = ["entraide.example"]\nbase_url = "https://entraide.example"\n'
        'locale = "fr"\ntimezone = "Europe/Paris"\nmin_age = 15\n',
        encoding="utf-8",
    )
    app = make_app(sites_file=str(editions), allowed_hosts=["proxy.internal"])
    make_member(app, email="alice@example.org")
    with TestClient(app, base_url="http://proxy.internal") as client:
        assert '<html lang="fr">' in client.get("/").text
        assert post_form(client, "/password/reset", {"email": "alice@example.org"}).status_code == 200
        assert client.get("/", headers={"host": "fr.localhost"}).status_code == 400  # not configured here
    (mail,) = _reset_mails(app)
    assert "https://entraide.example/password/reset/" in mail["body"]
    assert "proxy.internal" not in mail["body"]


def test_no_code_builds_absolute_urls_from_the_request():
    """Links in e-mails and pages come from Site.url(), so a forged Host cannot leak into them."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"request\.base_url|\.url\.(?:netloc|hostname)\b|headers\.get\(\s*[\"']host[\"']")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("core", "plugins", "themes")
        for path in (root / folder).rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders
