"""Edition-cached page hooks: shared only where the answer is the same for everyone.

Navigation items, assets and static fragments are computed once per edition,
language, enabled plugins and sign-in (``core.hookcache``). These tests load
the same pages again and again, so a cache keyed too coarsely would show one
member's badge to another, keep a disabled plugin's link, or answer in the
previous language.
"""

from __future__ import annotations

import re

from core.hookcache import edition_cached
from core.testing import login, make_member, post_form, run_async


def _friends_badge(html: str) -> str | None:
    """The text of the Friends navigation item's badge ("" without one), None when no Friends item."""
    found = re.search(r'data-nav="friends\.list"[^>]*>(.*?)</a>', html)
    badge = None if found is None else re.search(r'class="nav-badge"[^>]*>(.*)', found.group(1))
    return None if found is None else "" if badge is None else re.sub(r"<[^>]+>", "", badge.group(1))


def test_badges_and_pseudonyms_are_not_shared_between_members(app, client_for):
    for name in ("Alice", "Bob", "Carol"):
        make_member(app, email=f"{name.lower()}@example.org", pseudonym=name)
    a, b, c = client_for("fr"), client_for("fr"), client_for("fr")
    for client, name in ((a, "alice"), (b, "bob"), (c, "carol")):
        login(client, f"{name}@example.org")
    assert post_form(a, "/friends/requests/", {"pseudonym": "Bob"}).status_code == 303
    for _ in range(2):  # the second round is served from warm caches
        bob, carol = b.get("/").text, c.get("/").text
        assert _friends_badge(bob) is not None and _friends_badge(bob).startswith("1")  # type: ignore[union-attr]
        assert _friends_badge(carol) == ""
        assert 'data-nav="core.me"' in bob and "Bob</a>" in bob and "Carol" not in bob
        assert "Carol</a>" in carol and "Bob</a>" not in carol
    assert post_form(a, "/friends/requests/", {"pseudonym": "Carol"}).status_code == 303
    assert _friends_badge(c.get("/").text).startswith("1")  # type: ignore[union-attr]  # counted now, not cached


def test_enabling_or_disabling_a_plugin_changes_pages_at_once(app, client_for):
    rt = app.state.entraide
    visitor = client_for("fr")
    make_member(app, email="alice@example.org", pseudonym="Alice")
    member = client_for("fr")
    login(member, "alice@example.org")
    link = 'data-nav="directory.search"'
    for client in (visitor, member):
        assert link in client.get("/").text and link in client.get("/").text
    run_async(app, rt.enablement.set(rt.site("fr"), "directory", False))
    for client in (visitor, member):
        page = client.get("/").text
        assert link not in page
    assert 'data-plugin="directory"' not in member.get("/me/consents").text
    run_async(app, rt.enablement.set(rt.site("fr"), "directory", True))
    for client in (visitor, member):
        assert link in client.get("/").text
    assert 'data-plugin="directory"' in member.get("/me/consents").text


def test_a_language_switch_changes_cached_labels(client_for):
    swiss = client_for("ch")
    french = swiss.get("/").text
    assert ">Annuaire<" in french and "Se connecter" in french
    swiss.cookies.set("entraide_lang", "de", domain="ch.localhost")
    german = swiss.get("/").text
    assert ">Verzeichnis<" in german and "Anmelden" in german and "Annuaire" not in german
    swiss.cookies.set("entraide_lang", "fr", domain="ch.localhost")
    assert ">Annuaire<" in swiss.get("/").text


def test_a_failing_cached_hook_is_asked_again(app, client_for):
    """A plugin that raised once is not left out of the cached answer for good."""
    rt = app.state.entraide
    calls: list[int] = []

    @edition_cached
    def flaky(ctx):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("first call fails")
        return ["ok"]

    impl = type("Impl", (), {"plugin_name": "zz_flaky", "function": staticmethod(flaky)})()
    enabled = frozenset({"zz_flaky"})
    rt._impl_cache[("provide_assets", enabled)] = [impl]
    ctx = type("Ctx", (), {"args": {}, "site": rt.site("fr"), "locale": "fr", "member": None})()
    assert run_async(app, rt.call_cached("provide_assets", enabled, ctx=ctx)) == ([], False)
    assert run_async(app, rt.call_cached("provide_assets", enabled, ctx=ctx)) == ([("zz_flaky", ["ok"])], True)
    assert run_async(app, rt.call_cached("provide_assets", enabled, ctx=ctx)) == ([("zz_flaky", ["ok"])], True)
    assert len(calls) == 2  # the third answer came from the cache


def test_live_slots_are_asked_on_each_request(app):
    """``live_slots`` keeps one slot of a cached provide_fragments live (e.g. a count of open reports)."""
    rt = app.state.entraide
    calls: list[str] = []

    @edition_cached(live_slots=("admin.dashboard",))
    def fragments(slot, ctx):
        calls.append(slot)
        return [f"{slot} #{len(calls)}"]

    impl = type("Impl", (), {"plugin_name": "zz_live", "function": staticmethod(fragments)})()
    enabled = frozenset({"zz_live"})
    rt._impl_cache[("provide_fragments", enabled)] = [impl]
    ctx = type("Ctx", (), {"args": {}, "site": rt.site("fr"), "locale": "fr", "member": None})()

    def ask(slot):
        return run_async(app, rt.call_cached("provide_fragments", enabled, slot=slot, ctx=ctx))

    assert ask("me.privacy") == ([("zz_live", ["me.privacy #1"])], True)
    assert ask("me.privacy") == ([("zz_live", ["me.privacy #1"])], True)  # cached
    assert ask("admin.dashboard") == ([("zz_live", ["admin.dashboard #2"])], False)
    assert ask("admin.dashboard") == ([("zz_live", ["admin.dashboard #3"])], False)  # live


def test_sponsored_plugins_are_never_served_from_the_cache():
    """A sponsored plugin's context carries the viewer's segment: even marked, it is asked every time."""
    from core.hookcache import HookResultCache

    def impl(slug):
        return type("Impl", (), {"plugin_name": slug, "function": staticmethod(edition_cached(lambda ctx: []))})()

    impls = [impl("acme"), impl("friends")]
    cached, dynamic = HookResultCache().split(impls, visitor=True, slot="home.aside", never=frozenset({"acme"}))
    assert [i.plugin_name for i in cached] == ["friends"] and [i.plugin_name for i in dynamic] == ["acme"]


def test_marked_sponsored_answers_are_kept_per_segment_and_campaign(app):
    """Marked, a sponsored answer is cached on all the plugin sees (edition, language, segment) and its campaign."""
    from core.ui import SponsoredContext

    rt = app.state.entraide
    calls: list[str | None] = []

    @edition_cached
    def fragments(slot, ctx):
        calls.append(ctx.segment)
        return [f"{slot} for {ctx.segment}"]

    def unmarked(slot, ctx):
        calls.append("unmarked")
        return []

    def ask(function, segment, campaign=1):
        impl = type("Impl", (), {"plugin_name": "zz_ad", "function": staticmethod(function)})()
        rt._impl_cache[("provide_fragments", frozenset({"zz_ad"}))] = [impl]
        ctx = SponsoredContext(rt.site("fr"), "fr", segment)
        sponsored = frozenset({"zz_ad"})
        answer = rt.sponsored_answers("provide_fragments", sponsored, {"zz_ad": campaign}, slot="s", ctx=ctx)
        return run_async(app, answer)[0]

    assert ask(fragments, None) == [("zz_ad", ["s for None"])]
    assert ask(fragments, None) == [("zz_ad", ["s for None"])]
    assert ask(fragments, "XIII") == [("zz_ad", ["s for XIII"])]  # another segment: asked
    assert ask(fragments, None, campaign=2) == [("zz_ad", ["s for None"])]  # another campaign: asked
    assert calls == [None, "XIII", None]
    ask(unmarked, None)
    ask(unmarked, None)
    assert calls[-2:] == ["unmarked", "unmarked"]  # not marked: asked every time


def _nav_names(html: str) -> list[str]:
    return re.findall(r'data-nav="([^"]+)"', html)


def test_member_navigation_merges_kept_and_personal_items_in_order(app, client_for):
    """Members' pages keep the shared navigation and slot plan assembled and ask only per-member items each time."""
    make_member(app, email="alice@example.org", pseudonym="Alice")
    member = client_for("fr")
    login(member, "alice@example.org")
    card = 'class="fragment" data-plugin="healthbox"'  # the home card, shown under the health-data consent
    home = member.get("/").text
    first = _nav_names(home)
    assert "memoactiv.index" in first and "friends.list" in first and "directory.search" in first
    assert card in home
    again = member.get("/").text  # warm: the same items, the same order, the same cards
    assert _nav_names(again) == first and again.count('class="fragment"') == home.count('class="fragment"')
    # Items and cards asked per member follow the consent at once, while the rest stays kept.
    assert post_form(member, "/me/consents/core.health_data/withdraw").status_code == 303
    withdrawn = member.get("/").text
    assert "memoactiv.index" not in _nav_names(withdrawn) and card not in withdrawn
    assert _nav_names(withdrawn) == [name for name in first if name != "memoactiv.index"]
    assert post_form(member, "/me/consents/core.health_data/grant").status_code == 303
    regranted = member.get("/").text
    assert _nav_names(regranted) == first and card in regranted
