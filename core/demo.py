"""Demo data: members on several editions, an operator, then plugin data."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from core import consent
from core.demo_population import seed_population
from core.demo_types import DEMO_PASSWORD, DemoContext, seed_order
from core.identity.passwords import hash_password
from core.identity.validation import normalise_pseudonym
from core.members import MemberView, view_of
from core.sponsorship.demo import seed_campaigns
from core.tables import Member

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["DEMO_ACCOUNTS", "create_member", "seed"]

#: (e-mail, pseudonym, edition, role, birth year, optional consents)
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str, int, tuple[str, ...]], ...] = (
    ("camille@demo.entraide.test", "Camille", "fr", "member", 1984, ("core.health_data", "core.partner_studies")),
    ("oliver@demo.entraide.test", "Oliver", "uk", "member", 1979, ("core.health_data",)),
    ("lena@demo.entraide.test", "Lena", "de", "member", 1991, ("core.health_data",)),
    ("ops@demo.entraide.test", "Ops", "fr", "operator", 1975, ()),
    ("partner@demo.entraide.test", "Partenaire", "fr", "partner", 1970, ()),
)
_HASH: list[str] = []


def _password_hash() -> str:
    """The demo password's hash, computed once (argon2id per member would make seeding slow)."""
    if not _HASH:
        _HASH.append(hash_password(DEMO_PASSWORD))
    return _HASH[0]


async def create_member(
    rt: Runtime,
    email: str,
    pseudonym: str,
    code: str,
    role: str,
    year: int,
    consents: tuple[str, ...],
    avatar_choice: int = 0,
) -> MemberView:
    """One demo account with ``core.terms`` and ``consents`` granted."""
    site = rt.site(code)
    member = Member(
        email=email,
        email_verified=True,
        pseudonym=pseudonym,
        pseudonym_key=normalise_pseudonym(pseudonym),
        password_hash=_password_hash(),
        birth_year=year,
        site=code,
        role=role,
        pro_verified=role == "pro",
        avatar_choice=avatar_choice % 8,
        created_at=datetime.now(UTC),
    )
    await member.save()
    for name in ("core.terms", *consents):
        await consent.record(member.id, rt.purposes[name], "grant", site=site, language=site.locale, channel="demo")
    return view_of(member)


async def seed(rt: Runtime) -> DemoContext | None:
    """Create demo accounts and the population, then plugin data in dependency order; None if seeded."""
    if await Member.exists().where(Member.email == DEMO_ACCOUNTS[0][0]):
        return None
    ctx = DemoContext(members=[], by_email={}, sites=rt.sites)
    for email, pseudonym, code, role, year, extra in DEMO_ACCOUNTS:
        view = await create_member(rt, email, pseudonym, code, role, year, extra, len(ctx.members))
        ctx.members.append(view)
        ctx.by_email[email] = view
    for email, row in (await seed_population(rt, _password_hash())).items():
        ctx.members.append(view_of(row))
        ctx.by_email[email] = ctx.members[-1]
    await seed_campaigns(rt, ctx.by_email.get("partner@demo.entraide.test"))
    impls = {i.plugin_name: i for i in rt.registry.pm.hook.seed_demo_data.get_hookimpls()}
    for slug in seed_order(rt.registry.metas):
        if slug in impls:
            result = impls[slug].function(ctx=ctx)
            if inspect.isawaitable(result):
                await result
    return ctx
