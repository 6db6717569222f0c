"""Plugins: fragments in order, failures isolated, bad plugins skipped."""

from __future__ import annotations

import re

from fixture_plugins import broken, future_core, greeter, missing_template, visit_counter

from core.testing import login, make_member


def test_fragments_render_in_explicit_order(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    page = client_for("fr", app).get("/").text
    assert page.index("greeting") < page.index("greeter-second")
    assert "Hello visitor from fr" in page


def test_failing_plugin_is_isolated_and_marked_degraded(make_app, client_for):
    app = make_app(extra_plugins=[greeter, broken])
    response = client_for("fr", app).get("/")
    assert response.status_code == 200
    assert "Hello visitor" in response.text
    degraded = app.state.entraide.degraded
    assert "broken" in degraded


def test_a_failing_fragment_is_tried_again_on_the_next_page(make_app, client_for):
    """A slot whose fragment failed is not kept rendered: each page tries it again (and reports it again)."""
    app = make_app(extra_plugins=[missing_template])
    rt, visitor = app.state.entraide, client_for("fr", app)
    for _ in range(3):  # the slot plan is kept: only the failed card is rendered again
        rt.degraded.clear()
        page = visitor.get("/")
        assert page.status_code == 200
        assert rt.degraded.get("missing_template", "").startswith("fragment: TemplateNotFound")


def test_a_visitors_card_asked_per_request_is_never_kept(make_app, client_for):
    """Visitors' slot plans are kept, but not one of a slot a plugin answers on each page (even when empty)."""
    app = make_app(extra_plugins=[visit_counter])
    visitor = client_for("fr", app)
    seen = [re.findall(r"visit number (\d+)", visitor.get("/").text) for _ in range(4)]
    shown = [numbers for numbers in seen if numbers]
    assert len(shown) == 2 and [len(numbers) for numbers in shown] == [1, 1]  # every other page, whatever came first
    assert int(shown[0][0]) < int(shown[1][0])


def test_incompatible_plugin_is_reported_and_skipped(make_app, client_for):
    app = make_app(extra_plugins=[greeter, future_core])
    reports = {r.slug: r for r in app.state.entraide.registry.reports}
    assert not reports["future_core"].installed
    assert "requires core >=9" in (reports["future_core"].error or "")
    assert client_for("fr", app).get("/").status_code == 200


def test_plugin_permission_by_role(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    make_member(app, email="alice@example.org")
    make_member(app, email="mod@example.org", pseudonym="Moddy", role="moderator")
    alice, mod = client_for("fr", app), client_for("uk", app)
    login(alice, "alice@example.org")
    login(mod, "mod@example.org")
    assert alice.get("/greeter/secret").status_code == 404
    assert mod.get("/greeter/secret").text == "the secret"


def test_events_reach_enabled_plugins(make_app, client_for):
    from core.testing import post_form

    app = make_app(extra_plugins=[greeter])
    make_member(app, email="alice@example.org")
    client = client_for("fr", app)
    login(client, "alice@example.org")
    greeter.hooks.EVENTS.clear()
    post_form(client, "/me/delete", {"password": "entraide-demo-2026"})
    assert [e.name for e in greeter.hooks.EVENTS] == ["core.member.erased"]


def test_plugin_names_must_carry_its_slug(make_app):
    import types

    from core.api import Permission, PluginMeta, hookimpl

    rogue = types.ModuleType("rogue")
    rogue.META = PluginMeta(slug="rogue", name="Rogue", version="1.0.0")

    @hookimpl
    def register_permissions() -> list[Permission]:
        return [Permission("core.admin", ("member",))]  # trying to grant itself core's permission

    rogue.register_permissions = register_permissions
    app = make_app(extra_plugins=[rogue])  # the app starts without the rogue plugin
    report = next(r for r in app.state.entraide.registry.reports if r.slug == "rogue")
    assert not report.installed
    assert report.error == "invalid declaration: permission 'core.admin' must start with 'rogue.'"
    assert app.state.entraide.permissions["core.admin"].roles == ("operator",)
