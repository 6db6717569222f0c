"""Form errors name their field and link to it from the summary."""

from __future__ import annotations

import html as html_lib
import re

from core.formatting import NBSP
from core.testing import post_form


def _summary_links(html: str) -> dict[str, str]:
    summary = re.search(r'<div class="alert error-summary".*?</div>', html, re.S)
    assert summary, "no error summary"
    return {k: html_lib.unescape(v) for k, v in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0))}


def test_signup_summary_names_each_wrong_field(client):
    page = post_form(client, "/signup", {"pseudonym": "x", "email": "not-an-address", "password": "short"})
    assert page.status_code == 400
    links = _summary_links(page.text)
    assert links["f-pseudonym"].startswith(f"Pseudonyme{NBSP}:")
    assert links["f-email"].startswith(f"Adresse e-mail{NBSP}:")
    assert links["f-password"].startswith(f"Mot de passe{NBSP}:")
    assert links["f-consent_core.terms"].startswith(f"Conditions d'utilisation{NBSP}:")
    for anchor in links:
        assert f'id="{anchor}"' in page.text  # every link lands on its field


def test_summary_speaks_the_edition_language(client_for):
    page = post_form(client_for("uk"), "/signup", {"pseudonym": "x"})
    assert _summary_links(page.text)["f-pseudonym"].startswith("Pseudonym: ")
