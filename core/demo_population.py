"""The demo population: believable members on every edition, created before plugins seed.

Plugins' ``seed_demo_data`` receive these members in :class:`DemoContext` and
give them conditions, friendships, posts… Names come from Faker with the
edition's locale (Morocco and Tunisia use ``fr_DZ``, the only French-language
Maghreb locale Faker ships). Everything is drawn from one seeded
:class:`random.Random`, so two demo databases hold the same people.

The password hash is computed once by the caller and shared: argon2id per
member (≈ 50 ms each) would make ``entraide demo`` slow for no benefit.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from faker import Faker

from core import consent
from core.db import transaction
from core.identity.validation import normalise_pseudonym, validate_pseudonym
from core.tables import Member

if TYPE_CHECKING:
    from core.runtime import Runtime
    from core.sites import SiteMap

__all__ = ["FAKER_LOCALES", "POPULATION", "Person", "draw_population", "seed_population"]

#: Members per edition (at least 60 on every French-speaking edition).
POPULATION: dict[str, int] = {"fr": 72, "be": 62, "ch": 62, "qc": 62, "ma": 60, "dz": 60, "tn": 60, "uk": 24, "de": 24}

#: Faker locale per edition.
FAKER_LOCALES: dict[str, str] = {
    "fr": "fr_FR",
    "be": "fr_BE",
    "ch": "fr_CH",
    "qc": "fr_CA",
    "ma": "fr_DZ",
    "dz": "fr_DZ",
    "tn": "fr_DZ",
    "uk": "en_GB",
    "de": "de_DE",
}

_NOW = datetime.now(UTC)


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits only (for demo e-mail local parts)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _pseudonym(fake: Faker, rng: random.Random, taken: set[str], birth_year: int) -> str:
    """A pseudonym the way people choose them: first name, initial, a year, a nickname."""
    for _ in range(50):
        first, last = fake.first_name(), fake.last_name()
        shape = rng.randrange(6)
        if shape == 0:
            name = first
        elif shape == 1:
            name = f"{first}.{last[:1]}"
        elif shape == 2:
            name = f"{first}{birth_year % 100:02d}"
        elif shape == 3:
            name = f"{first} {last[:1]}."
        elif shape == 4:
            name = f"{first}_{last}"[:30]
        else:
            name = f"{first[:1]}{last}".lower()[:30]
        key = normalise_pseudonym(name)
        if validate_pseudonym(name) is None and key not in taken:
            taken.add(key)
            return name
    raise RuntimeError("could not draw a unique pseudonym")  # pragma: no cover - 50 draws never all collide


@dataclass(frozen=True)
class Person:
    """One drawn member before it is saved."""

    site: str
    index: int
    pseudonym: str
    birth_year: int
    avatar_choice: int
    age_days: int
    purposes: tuple[str, ...]


def draw_population(sites: SiteMap, taken: set[str], *, seed: int = 2026) -> list[Person]:
    """Draw every member of the population (pure: same seed, same people).

    Args:
        sites: The editions; editions missing from the map get nobody.
        taken: Pseudonym keys already in use (extended with the drawn ones).
        seed: Seed of the random draws.
    """
    rng = random.Random(seed)
    people = []
    for code, count in POPULATION.items():
        site = sites.get(code)
        fake = Faker(FAKER_LOCALES[code])
        fake.seed_instance(rng.randrange(1 << 30))
        if site is None:
            continue
        for index in range(count):
            birth_year = rng.randint(1946, _NOW.year - max(18, site.min_age))
            purposes = ["core.terms"]
            if rng.random() < 0.9:  # most members of a health community keep health data
                purposes.append("core.health_data")
            if rng.random() < 0.3:
                purposes.append("core.partner_studies")
            people.append(
                Person(
                    site=code,
                    index=index,
                    pseudonym=_pseudonym(fake, rng, taken, birth_year),
                    birth_year=birth_year,
                    avatar_choice=rng.randrange(8),
                    age_days=rng.randint(1, 900),
                    purposes=tuple(purposes),
                )
            )
    return people


async def seed_population(rt: Runtime, password_hash: str, *, seed: int = 2026) -> dict[str, Member]:
    """Create the population (one transaction) and return it keyed by e-mail.

    Args:
        rt: The application runtime (editions and consent purposes).
        password_hash: The demo password's hash, shared by every demo member.
        seed: Seed of the random draws (same people on every run).

    Returns:
        The new members by e-mail address, in creation order.
    """
    taken = {r["pseudonym_key"] for r in await Member.select(Member.pseudonym_key)}
    created: dict[str, Member] = {}
    async with transaction(Member._meta.db):
        for person in draw_population(rt.sites, taken, seed=seed):
            member = await _create_member(rt, person, password_hash)
            created[member.email] = member
    return created


async def _create_member(rt: Runtime, person: Person, password_hash: str) -> Member:
    site = rt.site(person.site)
    member = Member(
        email=f"{_ascii(person.pseudonym) or 'member'}.{site.code}{person.index:02d}@demo.entraide.test",
        email_verified=True,
        pseudonym=person.pseudonym,
        pseudonym_key=normalise_pseudonym(person.pseudonym),
        password_hash=password_hash,
        birth_year=person.birth_year,
        site=site.code,
        role="member",
        avatar_choice=person.avatar_choice,
        created_at=_NOW - timedelta(days=person.age_days, minutes=person.index),
    )
    await member.save()
    # Bilingual editions: members alternate languages, and the ledger records it.
    language = site.languages[person.index % len(site.languages)]
    for name in person.purposes:
        if name in rt.purposes:
            await consent.record(
                member.id, rt.purposes[name], "grant", site=site, language=language, channel="demo", in_transaction=True
            )
    return member
