"""One test per hook specification (the spec triangle), through a fixture plugin."""

from __future__ import annotations

import asyncio

from fixture_plugins import greeter
from litestar.testing import TestClient

from core.testing import login, make_member, post_form, run_async


def greeter_app(make_app):
    return make_app(extra_plugins=[greeter])


def test_hook_register_routes(make_app, client_for):
    assert "Hello world" in client_for("fr", greeter_app(make_app)).get("/greeter/").text


def test_hook_register_template_dirs(make_app, client_for):
    assert "extra template dir works" in client_for("fr", greeter_app(make_app)).get("/greeter/").text


def test_hook_provide_template_context(make_app, client_for):
    assert "Hello from the context hook" in client_for("fr", greeter_app(make_app)).get("/greeter/").text


def test_hook_provide_nav_items(make_app, client_for):
    page = client_for("fr", greeter_app(make_app)).get("/").text
    assert '<a href="/greeter/" data-nav="greeter.index">Greeter' in page


def test_hook_provide_fragments(make_app, client_for):
    assert "Hello visitor from uk" in client_for("uk", greeter_app(make_app)).get("/").text


def test_slot_args_reach_provide_fragments(make_app, client_for):
    page = client_for("fr", greeter_app(make_app)).get("/greeter/about/7").text
    assert "<p>about member 7</p>" in page


def test_hook_provide_assets(make_app, client_for):
    client = client_for("fr", greeter_app(make_app))
    assert '<link rel="stylesheet" href="/static/greeter/greeter.css">' in client.get("/").text
    assert client.get("/static/greeter/greeter.css").status_code == 200


def test_hook_register_permissions(make_app):
    app = greeter_app(make_app)
    assert app.state.entraide.permissions["greeter.read_secret"].roles == ("moderator", "operator")


def test_hook_resolve_permission(make_app):
    """The greeter's implementation is async: core awaits it."""
    from core.api import get_member

    app = greeter_app(make_app)
    rt = app.state.entraide
    member = run_async(app, get_member(make_member(app)))
    enabled = frozenset({"greeter"})
    assert run_async(app, rt.allowed(member, "greeter.read_secret", "shared-with-everyone", enabled=enabled))
    assert not run_async(app, rt.allowed(member, "greeter.read_secret", "private", enabled=enabled))
    assert not run_async(app, rt.allowed(member, "greeter.read_secret", "shared-with-everyone", enabled=frozenset()))


def test_hook_resolve_related(make_app):
    from core.api import related

    app = greeter_app(make_app)
    assert run_async(app, related("fr", "greeter.pen_pals", 7)) == [8, 9]
    assert run_async(app, related("uk", "greeter.pen_pals", 7)) == []  # an answer, even empty, wins
    assert run_async(app, related("fr", "friends.friends", 7)) == []  # nobody answers: empty list
    run_async(app, app.state.entraide.enablement.set(app.state.entraide.site("fr"), "greeter", False))
    assert run_async(app, related("fr", "greeter.pen_pals", 7)) == []  # disabled on fr: not asked


def test_hook_register_consent_purposes(make_app, client_for):
    app = greeter_app(make_app)
    make_member(app, email="alice@example.org")
    client = client_for("fr", app)
    login(client, "alice@example.org")
    assert 'id="purpose-greeter.newsletter"' in client.get("/me/consents").text
    assert post_form(client, "/me/consents/greeter.newsletter/grant").status_code == 303


def test_hook_export_personal_data(make_app, client_for):
    app = greeter_app(make_app)
    member_id = make_member(app, email="alice@example.org")
    greeter.hooks.STORE[member_id] = ["hi"]
    client = client_for("fr", app)
    login(client, "alice@example.org")
    assert client.get("/me/export").json()["greeter"] == {"greetings": [{"text": "hi"}]}


def test_hook_erase_personal_data(make_app, client_for):
    app = greeter_app(make_app)
    member_id = make_member(app, email="alice@example.org")
    greeter.hooks.STORE[member_id] = ["hi"]
    client = client_for("fr", app)
    login(client, "alice@example.org")
    post_form(client, "/me/delete", {"password": "entraide-demo-2026"})
    assert member_id not in greeter.hooks.STORE


def test_hook_handle_event(make_app, client_for):
    app = greeter_app(make_app)
    from core.events import Event

    greeter.hooks.EVENTS.clear()
    run_async(app, app.state.entraide.emit(Event("core.test.happened", "uk", None, {"x": 1})))
    assert greeter.hooks.EVENTS[-1].payload == {"x": 1}


def test_hook_on_startup(make_app):
    greeter.hooks.LIFECYCLE.clear()
    with TestClient(greeter_app(make_app)):
        assert greeter.hooks.LIFECYCLE == ["startup"]


def test_hook_on_shutdown(make_app):
    greeter.hooks.LIFECYCLE.clear()
    with TestClient(greeter_app(make_app)):
        pass
    assert greeter.hooks.LIFECYCLE == ["startup", "shutdown"]


def test_hook_seed_demo_data(make_app):
    from core.demo import seed

    app = greeter_app(make_app)
    greeter.hooks.STORE.clear()
    ctx = asyncio.run(seed(app.state.entraide))
    assert ctx is not None
    camille = ctx.by_email["camille@demo.entraide.test"]
    assert greeter.hooks.STORE[camille.id] == ["welcome Camille"]
    assert asyncio.run(seed(app.state.entraide)) is None  # idempotent


def test_hook_register_cli_commands(capsys, monkeypatch):
    from core import cli

    monkeypatch.setattr(cli, "_plugin_commands", lambda settings: {"greet": greeter.hooks.register_cli_commands()[0]})
    assert cli.main(["greet", "Camille"]) == 0
    assert capsys.readouterr().out.strip() == "hello Camille"
