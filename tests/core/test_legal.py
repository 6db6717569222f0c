"""Each edition serves its legal pages from its legal pack, linked from the footer and consent texts."""

from __future__ import annotations

import html
import re

import pytest

from core.formatting import NBSP
from core.testing import login, make_member
from core.testing import text_of as _text_of


def text_of(page: str) -> str:
    return html.unescape(_text_of(page))


PAGES = ("/legal/terms", "/legal/privacy", "/about", "/contact")


@pytest.mark.parametrize("code", ["fr", "be", "ch", "qc", "ma", "dz", "tn", "uk", "de"])
def test_every_edition_serves_its_four_legal_pages(client_for, code):
    client = client_for(code)
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, (code, path)
        footer = page.text.split('<footer class="site-footer">')[1]
        assert all(f'href="{p}"' in footer for p in PAGES)  # the footer links every legal page


def test_privacy_notice_names_controller_purposes_retention_rights_and_contact(client_for):
    text = text_of(client_for("fr").get("/legal/privacy").text)
    assert "Association Entraide France" in text  # controller, from the legal pack
    assert "dpo@fr.entraide.example" in text  # contact
    assert "Commission nationale de l'informatique et des libertés (CNIL)" in text  # where to complain
    assert "Traitement de mes données de santé" in text  # each consent purpose with its current text
    assert "30 minutes d'inactivité" in text and "12 heures" in text  # retention, from the real settings
    assert "Effacement" in text and "/me/delete" in client_for("fr").get("/legal/privacy").text  # rights


def test_uk_and_germany_read_their_own_law_and_authority(client_for):
    uk = text_of(client_for("uk").get("/legal/privacy").text)
    assert "Information Commissioner's Office (ICO)" in uk and "UK GDPR" in uk and "Entraide UK CIC" in uk
    de = text_of(client_for("de").get("/legal/privacy").text)
    assert "Datenschutz-Grundverordnung (DSGVO)" in de and "Datenschutzerklärung" in de


def test_swiss_pages_follow_the_chosen_language(client_for):
    from core.testing import post_form

    ch = client_for("ch")
    assert "Préposé fédéral" in ch.get("/legal/privacy").text
    post_form(ch, "/lang", {"lang": "de", "next": "/legal/privacy"})
    page = ch.get("/legal/privacy").text
    assert "Eidgenössischen Datenschutz" in page and "Préposé fédéral" not in page


def test_french_legal_texts_use_french_spacing(client_for):
    page = client_for("fr").get("/contact").text
    assert f"Urgence médicale{NBSP}?" in page


def test_consent_texts_link_the_pages_they_mention(client_for, app):
    signup = client_for("fr").get("/signup").text
    terms_block = re.search(
        r'id="f-consent_core\.terms-text".*?</p>\s*<p class="consent-links">(.*?)</p>', signup, re.S
    )
    assert (
        terms_block
        and 'href="/legal/terms"' in terms_block.group(1)
        and 'href="/legal/privacy"' in terms_block.group(1)
    )
    make_member(app, email="alice@example.org")
    member = client_for("fr")
    login(member, "alice@example.org")
    consents = member.get("/me/consents").text
    assert consents.count('href="/legal/privacy"') >= 3  # every purpose's text, plus the footer
