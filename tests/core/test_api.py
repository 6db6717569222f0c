"""core.api contract v1: what plugins may know about members and what the kernel does for them."""

from __future__ import annotations

import dataclasses
import io
import stat
import warnings

import pytest
from fixture_plugins import greeter, sponsor_card, sponsor_rogue
from PIL import Image

import core.api as api
from core.files import permission_problems
from core.testing import login, make_member, run_async


def greeter_app(make_app, *more):
    return make_app(extra_plugins=[greeter, *more])


def test_member_view_never_carries_private_fields(make_app):
    app = greeter_app(make_app)
    alice = make_member(app, email="alice@example.org", pseudonym="Alice", site="uk")
    view = run_async(app, api.get_member(alice))
    assert view == api.MemberView(alice, "Alice", f"/avatars/{alice}", "uk", "en", frozenset({"member"}), False)
    names = {f.name for f in dataclasses.fields(api.MemberView)}
    assert not names & {"email", "password_hash", "birth_year", "email_verified"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.pseudonym = "Mallory"  # type: ignore[misc]


def test_member_lookups(make_app):
    app = greeter_app(make_app)
    alice = make_member(app, email="alice@example.org", pseudonym="Alice Martin")
    bob = make_member(app, email="bob@example.org", pseudonym="Bob", site="uk", role="pro")
    assert run_async(app, api.get_member(999_999)) is None
    found = run_async(app, api.get_members([alice, bob, 999_999, alice]))
    assert sorted(found) == [alice, bob] and found[bob].site == "uk"
    assert not found[bob].verified_professional  # an unverified pro is not one
    assert run_async(app, api.find_member("@alice  MARTIN")).id == alice
    assert run_async(app, api.find_member("Bob", site="fr")) is None
    assert run_async(app, api.find_member("bob", site="uk")).id == bob
    assert run_async(app, api.get_members([])) == {}


def test_viewer_and_allowed_in_a_request(make_app, client_for):
    app = greeter_app(make_app)
    make_member(app, email="mod@example.org", pseudonym="Modo", role="moderator")
    client = client_for("fr", app)
    anonymous = client.get("/greeter/can/private").json()
    assert anonymous == {"allowed": False, "anonymous_allowed": False, "viewer": None}
    assert client.get("/greeter/can/shared-with-everyone").json()["allowed"] is True  # async hook answered
    login(client, "mod@example.org")
    body = client.get("/greeter/can/private").json()
    assert body["allowed"] is True  # role grant: moderators read the secret
    assert body["anonymous_allowed"] is False
    assert body["viewer"]["pseudonym"] == "Modo" and body["viewer"]["roles"] == ["moderator"]


def test_has_consent_and_member_email(make_app):
    from core.tables import Member, OutboxEmail

    app = greeter_app(make_app)
    alice = make_member(app, email="alice@example.org", consents=("core.terms",))
    assert run_async(app, api.has_consent(alice, "core.terms"))
    assert not run_async(app, api.has_consent(alice, "core.health_data"))
    assert run_async(app, api.send_member_email(alice, "Hello\nBcc: x@evil.test", "Body text"))
    row = run_async(app, OutboxEmail.select().where(OutboxEmail.to_email == "alice@example.org").first())
    assert row["subject"] == "Hello Bcc: x@evil.test"  # folded: no header injection
    assert row["body"].startswith("Body text") and "Entraide France" in row["body"]
    run_async(app, Member.update({Member.email_verified: False}).where(Member.id == alice))
    assert not run_async(app, api.send_member_email(alice, "Again", "Body"))
    assert not run_async(app, api.send_member_email(999_999, "Nobody", "Body"))


def test_sponsored_plugins_get_no_events_permissions_or_relations(make_app, client_for):
    # sponsor_rogue implements handle_event/resolve_related/provide_nav_items: core refuses to load it.
    app = greeter_app(make_app, sponsor_card, sponsor_rogue)
    rt = app.state.entraide
    report = next(r for r in rt.registry.reports if r.slug == "sponsor_rogue")
    assert not report.installed and "handle_event, provide_nav_items, resolve_related" in (report.error or "")
    assert "sponsor_rogue" not in rt.registry.implementers("handle_event")
    run_async(app, rt.enablement.set(rt.site("fr"), "sponsor_card", True))
    greeter.hooks.EVENTS.clear()
    run_async(app, api.emit("fr", api.Event("greeter.wave.sent", "", 1, {"to": 2})))
    assert greeter.hooks.EVENTS[-1].site == "fr"  # the edition filled in; the rogue got nothing
    assert run_async(app, api.related("fr", "sponsor_rogue.anything", 1)) == []
    assert client_for("fr", app).get("/greeter/can/private").json()["allowed"] is False


def test_nav_items_have_names_and_badges(make_app, client_for):
    page = client_for("fr", greeter_app(make_app)).get("/").text
    badge = '<span aria-hidden="true">3</span><span class="visually-hidden"> (3 nouveaux éléments)</span>'
    expected = f'<a href="/greeter/" data-nav="greeter.index">Greeter<span class="nav-badge">{badge}</span></a>'
    assert expected in page  # visitor: not live
    items = sorted(
        [api.NavItem("B", "/b", order=10, name="b.x"), api.NavItem("A", "/a", order=10, name="a.x")],
        key=lambda i: (i.order, i.name),
    )
    assert [i.name for i in items] == ["a.x", "b.x"]


def _jpeg_with_exif(size=(3000, 1000)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="JPEG", exif=exif, comment=b"secret")
    return out.getvalue()


def test_process_image_bounds_and_strips():
    result = api.process_image(_jpeg_with_exif(), max_side=600, thumb_side=120)
    assert (result.width, result.height) == (600, 200)
    picture = Image.open(io.BytesIO(result.data))
    assert picture.size == (600, 200) and not picture.getexif() and "comment" not in picture.info
    assert max(Image.open(io.BytesIO(result.thumb)).size) == 120
    assert result.media_type in ("image/webp", "image/png") and result.ext in ("webp", "png")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(api.ImageRejected, match="JPEG, PNG or WebP"):
        api.process_image(svg)
    with pytest.raises(api.ImageRejected, match="too large"):
        api.process_image(_jpeg_with_exif(), max_bytes=100)
    with pytest.raises(api.ImageRejected, match="too many pixels"):
        api.process_image(_jpeg_with_exif(), max_pixels=1000)


def test_media_storage_is_private_and_contained(make_app):
    app = greeter_app(make_app)
    name = api.save_media("greeter", b"picture-bytes", "webp")
    path = api.media_path("greeter", name)
    assert path.read_bytes() == b"picture-bytes"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700  # media/ itself, created on the way
    assert path.parent == app.state.entraide.settings.data_path / "media" / "greeter"
    assert permission_problems(app.state.entraide.settings) == []  # what `entraide check` looks at
    for bad in ("../../secret.key", "x.webp", f"{name}/../x"):
        with pytest.raises(ValueError):
            api.media_path("greeter", bad)
    with pytest.raises(ValueError):
        api.save_media("greeter", b"x", "../sh")
    api.delete_media("greeter", name)
    api.delete_media("greeter", name)  # idempotent
    assert not path.exists()


def test_settings_view_holds_no_secret(make_app):
    app = make_app(extra_plugins=[greeter], licensed_instruments=["pss10"])
    view = api.settings(app)
    assert view.licensed_instruments == ("pss10",) and view.demo is True
    fields = {f.name for f in dataclasses.fields(view)}
    assert not fields & {"secret_key", "smtp_password", "database_url", "redis_url", "smtp_user"}


def test_moved_names_warn_then_private_names_fail():
    with pytest.warns(DeprecationWarning, match=r"core.api.Member is deprecated: use core.api.MemberView.*0\.2"):
        member_table = api.Member
    assert member_table.__name__ == "Member"
    with pytest.warns(DeprecationWarning, match="core.api.runtime"):
        assert callable(api.runtime)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError, match="private"):
            api.Runtime  # noqa: B018
    assert all(name in dir(api) for name in api.__all__)


def test_seed_order_and_demo_members(make_app):
    from core.demo import seed
    from core.demo_types import seed_order
    from core.meta import PluginMeta

    metas = {
        "wall": PluginMeta("wall", "Wall", "1.0.0", seed_after=("friends", "absent")),
        "friends": PluginMeta("friends", "Friends", "1.0.0", requires_plugins=("profile",)),
        "profile": PluginMeta("profile", "Profile", "1.0.0"),
        "abc": PluginMeta("abc", "Abc", "1.0.0"),
    }
    assert seed_order(metas) == ["abc", "profile", "friends", "wall"]
    metas["profile"] = PluginMeta("profile", "Profile", "1.0.0", seed_after=("wall",))
    with pytest.raises(ValueError, match="cycle"):
        seed_order(metas)
    app = make_app(plugins=[], extra_plugins=[greeter])  # bundled plugins draw from ctx.random when seeding
    ctx = run_async(app, seed(app.state.entraide))
    assert [m.pseudonym for m in ctx.members[:4]] == ["Camille", "Oliver", "Lena", "Ops"]
    assert len(ctx.members) == len(ctx.by_email) > 400  # the population too
    assert ctx.by_email["ops@demo.entraide.test"].roles == frozenset({"operator"})
    nadia = run_async(app, ctx.add_member("nadia@demo.entraide.test", "Nadia_added", "ma", birth_year=1990))
    assert ctx.by_email["nadia@demo.entraide.test"] == nadia == ctx.members[-1]
    assert run_async(app, api.has_consent(nadia.id, "core.health_data"))
    assert not run_async(app, api.has_consent(nadia.id, "core.partner_studies"))
    run_async(app, ctx.grant(nadia, "core.partner_studies"))
    assert run_async(app, api.has_consent(nadia.id, "core.partner_studies"))
    fresh = api.DemoContext(members=[], by_email={}, sites=ctx.sites)  # plugins draw from ctx.random while seeding
    assert fresh.random.random() == type(ctx.random)(2026).random()  # seeded: same community every time


def test_transaction_defaults_to_the_current_engine(make_app):
    from core.tables import StateCounter

    app = greeter_app(make_app)

    async def write() -> int:
        async with api.transaction():
            await StateCounter.insert(StateCounter(name="api-test", value=7))
        return (await StateCounter.select(StateCounter.value).where(StateCounter.name == "api-test").first())["value"]

    assert run_async(app, write()) == 7
