"""Core enforces the boundary at run time: sponsored labelling, reserved class, context keys, bad plugins."""

from __future__ import annotations

import logging

from fixture_plugins import greeter, impostor, misspelt, sponsor_card

from core.testing import login, make_member, run_async, start_campaign


def _enable(app, slug, *codes):
    rt = app.state.entraide
    for code in codes:
        run_async(app, rt.enablement.set(rt.site(code), slug, True))


def test_sponsored_plugins_start_disabled_everywhere(make_app):
    app = make_app(extra_plugins=[greeter, sponsor_card])
    rt = app.state.entraide
    for site in rt.sites:
        enabled = run_async(app, rt.enablement.enabled(site))
        assert "sponsor_card" not in enabled and "greeter" in enabled, site.code


def test_restricted_plugin_needs_an_operator_and_is_never_enabled_by_all(make_app, client_for, monkeypatch):
    from core.meta import PluginMeta

    monkeypatch.setattr(greeter, "META", PluginMeta("greeter", "Greeter", "1.0.0", restricted=True))
    app = make_app(extra_plugins=[greeter])
    rt = app.state.entraide
    assert "greeter" not in run_async(app, rt.enablement.enabled(rt.site("fr")))  # fr enables "all"
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    client = client_for("fr", app)
    login(client, "ops@example.org")
    from core.testing import post_form

    assert post_form(client, "/admin/sites/fr/plugins/greeter", {"enabled": "1"}).status_code == 303
    assert "greeter" in run_async(app, rt.enablement.enabled(rt.site("fr")))


def test_sponsored_fragments_are_labelled_by_core_in_sponsorable_slots_only(make_app, client_for):
    app = make_app(extra_plugins=[greeter, sponsor_card])
    _enable(app, "sponsor_card", "fr")
    client = client_for("fr", app)
    assert "acme-card" not in client.get("/").text  # enabled, but no campaign runs: nothing shown
    start_campaign(app, "sponsor_card", "fr", enable=False)
    sponsor_card.SEEN.clear()
    make_member(app, email="alice@example.org")
    home = client.get("/").text
    assert '<aside class="sponsored" data-plugin="sponsor_card" aria-label="Sponsorisé · ACME Mobility">' in home
    assert "acme-card in home.public" in home and "Somebody Else" not in home
    assert "acme-card in layout.footer" not in home  # footer is not a sponsorable slot
    login(client, "alice@example.org")
    assert "acme-card in home" in client.get("/").text
    for path in ("/me", "/me/consents", "/me/sessions"):
        assert "acme-card" not in client.get(path).text, path
    assert sponsor_card.SEEN and set(sponsor_card.SEEN) == {"SponsoredContext member=None segment=None"}


def test_sponsored_fragments_never_on_the_operator_console(make_app, client_for):
    app = make_app(extra_plugins=[sponsor_card])
    start_campaign(app, "sponsor_card", "fr")
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    client = client_for("fr", app)
    login(client, "ops@example.org")
    page = client.get("/admin/")
    assert page.status_code == 200 and "acme-card" not in page.text


def test_reserved_sponsored_class_and_flag_are_refused_for_other_plugins(make_app, client_for):
    app = make_app(extra_plugins=[impostor])
    page = client_for("fr", app).get("/").text
    assert "fake label" not in page and "fake ad" not in page
    assert "honest-impostor" in page  # a class merely containing the word is fine
    assert 'data-nav="impostor.notes"' in page  # a nav item without a name gets <slug>.<path>
    assert app.state.entraide.degraded["impostor"].startswith("fragment refused:")


def test_template_context_keys_must_start_with_the_slug(make_app, client_for):
    app = make_app(extra_plugins=[greeter, impostor])
    page = client_for("fr", app).get("/greeter/").text
    assert "Hello from the context hook" in page  # greeter_motto is fine
    assert "hijacked" not in page
    message = app.state.entraide.degraded["impostor"]
    assert message == "provide_template_context: template context keys ['title'] must start with 'impostor_'"


def test_a_misspelt_hook_unregisters_only_that_plugin(make_app, client_for):
    app = make_app(extra_plugins=[greeter, misspelt])
    reports = {r.slug: r for r in app.state.entraide.registry.reports}
    assert not reports["misspelt"].installed
    error = reports["misspelt"].error
    assert "invalid hook implementation" in error and "provide_fragment" in error
    assert reports["greeter"].installed
    assert client_for("fr", app).get("/greeter/").status_code == 200
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    client = client_for("fr", app)
    login(client, "ops@example.org")
    assert "provide_fragment" in client.get("/admin/").text


def test_missing_asset_is_reported_at_start_up(make_app, caplog):
    with caplog.at_level(logging.ERROR, logger="entraide.plugins"):
        app = make_app(extra_plugins=[sponsor_card])
    assert "asset 'missing.css' not found" in app.state.entraide.degraded["sponsor_card"]
    assert "sponsor_card: asset 'missing.css' not found" in caplog.text


def test_static_files_are_served_without_routes(make_app, client_for, tmp_path):
    # greeter registers routes; healthbox too; a plugin with only static files is checked in the template kit.
    app = make_app(extra_plugins=[greeter])
    assert client_for("fr", app).get("/static/greeter/greeter.css").status_code == 200


def test_core_navigation_comes_from_the_builtin_plugin(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    client = client_for("fr", app)
    visitor = client.get("/").text
    assert visitor.index('data-nav="greeter.index"') < visitor.index('data-nav="core.login"')
    assert 'data-nav="core.signup"' in visitor and 'data-nav="core.me"' not in visitor
    assert 'data-nav="core.login"' in client.get("/no-such-page").text  # error pages too
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    login(client, "ops@example.org")
    page = client.get("/").text
    assert page.index('data-nav="core.admin"') < page.index('data-nav="core.me"')
    rt = app.state.entraide
    assert "core.admin" in rt.permissions and "core.terms" in rt.purposes  # through the public hooks
    assert "core" in rt.registry.implementers("register_permissions")


def test_plugins_cannot_answer_core_permissions(make_app, client_for):
    app = make_app(extra_plugins=[sponsor_card, greeter])
    rt = app.state.entraide
    member = run_async(app, __import__("core.api", fromlist=["get_member"]).get_member(make_member(app)))
    # greeter's resolve_permission abstains; even a plugin answering True for core.admin is ignored
    assert not run_async(app, rt.allowed(member, "core.admin", enabled=frozenset({"greeter", "sponsor_card"})))


def test_invalid_declarations_unregister_only_that_plugin(make_app, client_for):
    from fixture_plugins import bad_declarations

    app = make_app(extra_plugins=[greeter, bad_declarations])
    reports = {r.slug: r for r in app.state.entraide.registry.reports}
    assert not reports["bad_declarations"].installed
    assert reports["bad_declarations"].error == (
        "invalid declaration: consent purpose 'greeter.spam' must start with 'bad_declarations.'"
    )
    assert "greeter.spam" not in app.state.entraide.purposes and reports["greeter"].installed
    assert client_for("fr", app).get("/greeter/").status_code == 200
