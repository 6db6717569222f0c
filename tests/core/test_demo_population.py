"""The demo population: 60+ believable members per French-speaking edition, before plugins seed."""

from __future__ import annotations

from collections import Counter

from core.demo_population import POPULATION, draw_population
from core.identity.validation import validate_pseudonym
from core.tables import ConsentEvent, Member
from core.testing import login, run_async

FRENCH_EDITIONS = ("fr", "be", "ch", "qc", "ma", "dz", "tn")


def test_population_seeded_per_edition_and_members_can_log_in(app, client_for):
    from core.demo import seed

    ctx = run_async(app, seed(app.state.entraide))
    rows = run_async(app, Member.select(Member.site, Member.pseudonym, Member.email, Member.password_hash))
    per_site = Counter(r["site"] for r in rows)
    for code in FRENCH_EDITIONS:
        assert per_site[code] >= 60, (code, per_site[code])
    assert per_site["uk"] >= 10 and per_site["de"] >= 10
    # Plugins add demo accounts of their own (the directory a verified professional, studies
    # a partner and its volunteers); each account is seeded once, pseudonyms stay unique (below).
    assert sum(POPULATION.values()) + 4 <= len(rows) == len(ctx.members)
    assert all(validate_pseudonym(r["pseudonym"]) is None for r in rows)
    assert len({r["pseudonym"].casefold() for r in rows}) == len(rows)
    # One shared hash (argon2 once, not once per member), so seeding stays quick.
    assert len({r["password_hash"] for r in rows}) == 1
    granted = run_async(app, ConsentEvent.count().where(ConsentEvent.purpose == "core.health_data"))
    assert granted > len(rows) * 0.7
    # A member of the population is a real account on its own edition.
    be_member = next(r for r in rows if r["site"] == "be")
    client = client_for("be")
    login(client, be_member["email"])
    assert be_member["pseudonym"] in client.get("/").text


def test_population_is_the_same_people_every_time(app):
    sites = app.state.entraide.sites
    first = draw_population(sites, set())
    assert first == draw_population(sites, set())
    assert first != draw_population(sites, set(), seed=7)
    # Names already taken (the named demo accounts) are never drawn again.
    taken = {"camille"}
    assert all(p.pseudonym.casefold() != "camille" for p in draw_population(sites, taken))


def test_bilingual_editions_record_consents_in_both_languages(app):
    from core.demo import seed

    run_async(app, seed(app.state.entraide))
    rows = run_async(app, ConsentEvent.select(ConsentEvent.language).where(ConsentEvent.site == "ch"))
    assert {r["language"] for r in rows} == {"fr", "de"}
