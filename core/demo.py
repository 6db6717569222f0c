"""Demo data: named accounts, the population (:mod:`core.demo_population`), then plugin data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from core import consent
from core.demo_population import seed_population
from core.demo_types import DEMO_PASSWORD, DemoContext
from core.identity.passwords import hash_password
from core.identity.validation import normalise_pseudonym
from core.tables import Member

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["DEMO_ACCOUNTS", "seed"]

#: (e-mail, pseudonym, edition, role, birth year, optional consents)
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str, int, tuple[str, ...]], ...] = (
    ("camille@demo.entraide.test", "Camille", "fr", "member", 1984, ("core.health_data", "core.partner_studies")),
    ("oliver@demo.entraide.test", "Oliver", "uk", "member", 1979, ("core.health_data",)),
    ("lena@demo.entraide.test", "Lena", "de", "member", 1991, ("core.health_data",)),
    ("ops@demo.entraide.test", "Ops", "fr", "operator", 1975, ()),
)


async def seed(rt: Runtime) -> DemoContext | None:
    """Create demo accounts and plugin demo data; None if already seeded."""
    if await Member.exists().where(Member.email == DEMO_ACCOUNTS[0][0]):
        return None
    password_hash = hash_password(DEMO_PASSWORD)
    members: dict[str, Member] = {}
    for email, pseudonym, code, role, year, extra in DEMO_ACCOUNTS:
        site = rt.site(code)
        member = Member(
            email=email,
            email_verified=True,
            pseudonym=pseudonym,
            pseudonym_key=normalise_pseudonym(pseudonym),
            password_hash=password_hash,
            birth_year=year,
            site=code,
            role=role,
            avatar_choice=len(members) % 8,
            created_at=datetime.now(UTC),
        )
        await member.save()
        for name in ("core.terms", *extra):
            await consent.record(member.id, rt.purposes[name], "grant", site=site, language=site.locale, channel="demo")
        members[email] = member
    members.update(await seed_population(rt, password_hash))
    ctx = DemoContext(members=members, sites=rt.sites)
    for _, result in rt.registry.collect("seed_demo_data", ctx=ctx):
        await result
    return ctx
