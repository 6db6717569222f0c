"""Pages promise only what the enabled features really do."""

from __future__ import annotations

import re

from core.testing import login, make_member, text_of


def _badges(page):
    """Consent purpose -> badge text on the sign-up form."""
    found = re.findall(r'for="f-consent_([\w.]+)">.*?<span class="badge">(.*?)</span>', page)
    return dict(found)


def test_only_consents_some_enabled_feature_needs_are_badged_as_needed(make_app, client_for):
    diary_only = client_for("fr", make_app(plugins=["healthbox"]))
    badges = _badges(diary_only.get("/signup").text)
    assert badges["core.health_data"] == "nécessaire aux fonctions santé"
    assert badges["core.partner_studies"] == "facultatif"  # no enabled feature needs it
    assert badges["core.terms"] == "obligatoire"
    full = client_for("fr", make_app())  # the studies plugin asks for it to join a study
    assert _badges(full.get("/signup").text)["core.partner_studies"] == "nécessaire aux fonctions santé"
    bare = client_for("fr", make_app(plugins=[]))
    assert _badges(bare.get("/signup").text)["core.health_data"] == "facultatif"


def test_delete_page_lists_what_the_enabled_features_store(make_app, client_for):
    app = make_app(plugins=["healthbox"])
    make_member(app, email="alice@example.org")
    client = client_for("fr", app)
    login(client, "alice@example.org")
    page = text_of(client.get("/me/delete").text)
    assert "relevés de santé" in page and "réponses aux questionnaires" in page
    assert "adresse e-mail, pseudonyme" in page
    assert "messages privés" not in page  # no messaging feature here, no promise about it
    everything = make_app()
    client = client_for("fr", everything)
    login(client, "alice@example.org")
    page = text_of(client.get("/me/delete").text)
    assert "messages privés" in page and "amitiés" in page


def test_every_declared_data_category_is_named_in_the_members_language(make_app):
    """The delete page never shows a raw category name such as 'health_profile'."""
    from core.erasure_summary import CATEGORY_LABELS
    from core.i18n import load_translations

    rt = make_app().state.entraide
    for locale in ("fr", "de"):
        catalog = load_translations(locale, rt.templates.locale_dirs)._catalog
        unnamed = [
            (slug, category)
            for slug, meta in rt.registry.metas.items()
            for category in meta.data_categories
            if not catalog.get(CATEGORY_LABELS.get(category, category.replace("_", " ")))
        ]
        assert not unnamed, (locale, unnamed)
