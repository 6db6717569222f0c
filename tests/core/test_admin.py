"""Operator console: per-edition plugin toggles take effect at once, audited."""

from __future__ import annotations

from fixture_plugins import greeter

from core.tables import AuditEntry
from core.testing import login, make_member, post_form, run_async


def test_console_is_404_for_visitors_and_members(client, app):
    assert client.get("/admin/", follow_redirects=False).status_code == 303  # to /login
    make_member(app, email="alice@example.org")
    login(client, "alice@example.org")
    assert client.get("/admin/").status_code == 404


def test_operator_toggles_plugin_per_edition(make_app, client_for):
    app = make_app(extra_plugins=[greeter])
    make_member(app, email="ops@example.org", pseudonym="Ops", role="operator")
    ops = client_for("fr", app)
    uk = client_for("uk", app)
    login(ops, "ops@example.org")
    assert ops.get("/greeter/").status_code == 200
    page = ops.get("/admin/sites/fr")
    assert 'id="plugin-greeter"' in page.text
    response = post_form(ops, "/admin/sites/fr/plugins/greeter", {"enabled": "0"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'data-state="disabled"' in response.text
    assert ops.get("/greeter/").status_code == 404
    assert "/greeter/" not in ops.get("/").text  # nav item gone too
    assert uk.get("/greeter/").status_code == 200  # other edition unaffected
    post_form(ops, "/admin/sites/fr/plugins/greeter", {"enabled": "1"})
    assert ops.get("/greeter/").status_code == 200
    audit = run_async(app, AuditEntry.select().order_by(AuditEntry.id))
    assert [(a["action"], a["site"], a["target"], a["actor"]) for a in audit] == [
        ("plugin.disabled", "fr", "greeter", "Ops"),
        ("plugin.enabled", "fr", "greeter", "Ops"),
    ]
    log = ops.get("/admin/audit")
    assert "plugin.disabled" in log.text


def test_toggle_seen_by_another_worker_without_restart(make_app, client_for):
    first = make_app(extra_plugins=[greeter])
    second = make_app(extra_plugins=[greeter])  # a second worker on the same database
    make_member(first, email="ops@example.org", pseudonym="Ops", role="operator")
    ops = client_for("fr", first)
    other = client_for("fr", second)
    assert other.get("/greeter/").status_code == 200
    login(ops, "ops@example.org")
    post_form(ops, "/admin/sites/fr/plugins/greeter", {"enabled": "0"})
    assert other.get("/greeter/").status_code == 404


def test_operator_verifies_a_health_professional(make_app, client_for):
    from core.tables import Member

    app = make_app(extra_plugins=[greeter])
    make_member(app, email="ops@example.org", pseudonym="Ops", role="operator")
    doc = make_member(app, email="doc@example.org", pseudonym="DrMartin", role="pro")
    ops = client_for("fr", app)
    login(ops, "ops@example.org")
    listing = ops.get("/admin/members?q=martin")
    assert "DrMartin" in listing.text and "doc@example.org" not in listing.text
    assert post_form(ops, f"/admin/members/{doc}/role", {"role": "wizard"}).status_code == 400
    assert post_form(ops, f"/admin/members/{doc}/role", {"role": "pro", "pro_verified": "1"}).status_code == 303
    row = run_async(app, Member.select(Member.role, Member.pro_verified).where(Member.id == doc).first())
    assert row == {"role": "pro", "pro_verified": True}
    assert (
        run_async(app, AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id, ascending=False).first())["action"]
        == "member.role_changed"
    )
    assert post_form(ops, "/admin/members/99999/role", {"role": "member"}).status_code == 404


def test_console_speaks_the_operator_language(make_app, client_for):
    """Roles, plugin kinds, audit actions and languages are translated, not shown as codes."""
    app = make_app(extra_plugins=[greeter])
    make_member(app, email="ops@example.org", pseudonym="Ops", role="operator", site="de")
    make_member(app, email="doc@example.org", pseudonym="DrMartin", role="pro", site="de")
    ops = client_for("de", app)
    login(ops, "ops@example.org")
    post_form(ops, "/admin/sites/de/plugins/greeter", {"enabled": "0"})
    assert "Plugin deaktiviert" in ops.get("/admin/audit").text
    members = ops.get("/admin/members").text
    assert "Gesundheitsfachperson" in members and ">Betreiber</option>" in members
    assert "Funktion" in ops.get("/admin/sites/de").text  # kind "feature"
    home = ops.get("/admin/").text
    assert "Französisch, Deutsch" in home  # the Swiss edition's languages, named in German
