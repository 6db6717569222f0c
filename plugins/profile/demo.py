"""Demo profiles: conditions, symptoms, treatments and bios with varied visibility.

Common chronic conditions are drawn with realistic weights so that members
find others like them; Camille (fr), Oliver (uk) and Lena (de) get full
profiles. Each profile is announced (``profile.conditions.changed``) so that
indexing plugins seeded before us (matching) pick it up.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from core.api import DemoContext, MemberView, has_consent
from plugins.profile.announce import announce
from plugins.profile.tables import Condition, Profile, Symptom, Treatment

__all__ = ["seed"]

#: (code, weight, typical symptoms, typical treatments)
COMMON: tuple[tuple[str, int, tuple[str, ...], tuple[str, ...]], ...] = (
    ("J45", 14, ("R06.0", "R05", "R53"), ("Salbutamol", "Budésonide / formotérol")),
    ("E11", 12, ("R53", "R35", "R20.2"), ("Metformine", "Insuline glargine")),
    ("G43.1", 8, ("R51", "R11", "R42"), ("Triptan", "Propranolol")),
    ("G43.0", 6, ("R51", "R11"), ("Triptan",)),
    ("F32", 10, ("R53", "F51.0", "R63.0"), ("Sertraline", "Psychothérapie")),
    ("F41.1", 8, ("R45.0", "F51.0", "R00.2"), ("Thérapie cognitivo-comportementale",)),
    ("M79.7", 8, ("R52.2", "R53", "F51.0", "M79.1"), ("Activité physique adaptée", "Amitriptyline")),
    ("I10", 10, ("R51", "R42"), ("Amlodipine", "Ramipril")),
    ("G35", 6, ("R53", "R20.2", "R26.8"), ("Interféron bêta", "Kinésithérapie")),
    ("K50", 5, ("R10.4", "R63.4", "R53"), ("Adalimumab",)),
    ("K51", 4, ("R10.4", "R53"), ("Mésalazine",)),
    ("N80", 6, ("R10.4", "R52.2", "R53"), ("Dienogest", "Ostéopathie")),
    ("K58", 7, ("R14", "R10.4"), ("Régime pauvre en FODMAP",)),
    ("M54.5", 9, ("R52.2", "M25.5"), ("Kinésithérapie", "Paracétamol")),
    ("E03.9", 7, ("R53", "R63.4"), ("Lévothyroxine",)),
    ("L40", 5, ("R21",), ("Méthotrexate", "Crème dermocorticoïde")),
    ("M06.9", 5, ("M25.5", "R53"), ("Méthotrexate", "Hydroxychloroquine")),
    ("J44", 4, ("R06.0", "R05"), ("Tiotropium", "Réhabilitation respiratoire")),
    ("L20", 5, ("R21",), ("Émollients",)),
    ("K90.0", 4, ("R14", "R10.4", "R53"), ("Régime sans gluten",)),
    ("G93.3", 3, ("R53", "R41.3", "F51.0"), ("Gestion de l'énergie (pacing)",)),
    ("E10", 4, ("R53",), ("Pompe à insuline",)),
    ("G40", 3, ("R56",), ("Lévétiracétam",)),
    ("F90", 3, ("R45.0",), ("Méthylphénidate",)),
    ("G47.3", 3, ("R40.0", "R53"), ("PPC (pression positive continue)",)),
)
VISIBILITY_WEIGHTS = (("members", 5), ("friends", 2), ("me", 3))
#: One open circle per edition where the demo shows a community count above the
#: small-cell threshold (share of the population joining it, condition code).
CIRCLES: dict[str, tuple[float, str]] = {"fr": (0.3, "J45")}
BIOS = {
    "fr": (
        "Je vis avec ça depuis quelques années. Ici pour échanger **sans jugement**.",
        "Maman de deux enfants, j'apprends à vivre avec la maladie au quotidien.",
        "Passionné de randonnée, même si certains jours sont plus durs que d'autres.",
        "J'aime lire, cuisiner et discuter avec des gens qui comprennent.",
    ),
    "en": ("Living with it for a few years now. Happy to share what helps.", "Gardener, dog person, tea drinker."),
    "de": ("Ich lebe seit einigen Jahren damit und tausche mich gern aus.", "Wanderin, Leseratte, Optimistin."),
}
Rows = list[tuple[str, str | None, str]]
NAMED: dict[str, tuple[Rows, Rows, Rows, str]] = {
    "camille@demo.entraide.test": (
        [("J45", "2004", "members"), ("G43.1", "2012-09", "friends"), ("E03.9", "2019-05", "me")],
        [("R53", "2019", "members"), ("R51", "2012", "friends"), ("F51.0", "2020-01", "me")],
        [("Ventoline (salbutamol) à la demande", "2004", "members"), ("Lévothyrox 75 µg", "2019-06", "me")],
        "Graphiste à Lyon, asthmatique depuis l'adolescence et migraineuse **depuis 2012**.\n\n"
        "J'aime le vélo, la photo et les longues discussions autour d'un thé.",
    ),
    "oliver@demo.entraide.test": (
        [("E11", "2016", "members"), ("J45", "1990", "members")],
        [("R53", "2017", "friends")],
        [("Metformin", "2016", "members")],
        "Teacher in Leeds. Type 2 since 2016, learning to cook all over again.",
    ),
    "lena@demo.entraide.test": (
        [("G35", "2018-04", "members"), ("F32", "2019", "friends")],
        [("R53", "2018", "members"), ("R20.2", "2018", "me")],
        [("Ocrelizumab", "2019", "members")],
        "MS seit 2018. Ich schreibe gern und suche Austausch mit anderen Betroffenen.",
    ),
}


def _pick(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _since(rng: random.Random, now: datetime) -> str | None:
    if rng.random() < 0.2:
        return None
    year = rng.randint(max(1990, now.year - 25), now.year - 1)
    return str(year) if rng.random() < 0.5 else f"{year}-{rng.randint(1, 12):02d}"


def _random_profile(rng: random.Random, now: datetime, language: str) -> tuple[Rows, Rows, Rows]:
    picks = rng.choices(COMMON, weights=[c[1] for c in COMMON], k=rng.choice((1, 1, 2, 2, 3)))
    chosen = list({c[0]: c for c in picks}.values())
    conditions = [(c[0], _since(rng, now), _pick(rng, VISIBILITY_WEIGHTS)) for c in chosen]
    symptom_codes = {s for c in chosen for s in c[2] if rng.random() < 0.6}
    symptoms = [(s, _since(rng, now), _pick(rng, VISIBILITY_WEIGHTS)) for s in sorted(symptom_codes)]
    names = {t for c in chosen for t in c[3] if rng.random() < 0.4}
    treatments = [(t, _since(rng, now), _pick(rng, VISIBILITY_WEIGHTS)) for t in sorted(names)]
    return conditions, symptoms, treatments if language == "fr" else []  # the names above are French


def _join_circle(
    rng: random.Random, site: str, rows: tuple[Rows, Rows, Rows], now: datetime
) -> tuple[Rows, Rows, Rows]:
    """Add the edition's circle condition, open to all members, to a share of its profiles.

    Why: drawn from the weights alone, no condition reaches 10 findable members
    on a 60-member edition, so every count would read "fewer than 10" and the
    demo could not show a real one.
    """
    share, code = CIRCLES.get(site, (0.0, ""))
    conditions, symptoms, treatments = rows
    if not code or rng.random() >= share:
        return rows
    kept = [c for c in conditions if c[0] != code]
    return [(code, _since(rng, now), "members"), *kept], symptoms, treatments


async def _store(member: MemberView, rows: tuple[Rows, Rows, Rows], bio: str, bio_visibility: str) -> None:
    now = datetime.now(UTC)
    conditions, symptoms, treatments = rows
    tables: tuple[tuple[type[Condition] | type[Symptom], Rows], ...] = ((Condition, conditions), (Symptom, symptoms))
    for table, items in tables:
        new = [
            table(member=member.id, code=c, item_key=f"{member.id}:{c}", since=s, visibility=v, added_at=now)
            for c, s, v in items
        ]
        if new:
            await table.insert(*new)  # type: ignore[arg-type]
    if treatments:
        await Treatment.insert(
            *(Treatment(member=member.id, name=n, since=s, visibility=v, added_at=now) for n, s, v in treatments)
        )
    if bio:
        await Profile.insert(
            Profile(member=member.id, member_key=str(member.id), bio=bio, bio_visibility=bio_visibility, updated_at=now)
        )


async def seed(ctx: DemoContext) -> None:
    """Profiles for the named accounts and most of the population, then announce them."""
    rng = random.Random("entraide-profile-demo")
    circle_rng = random.Random("entraide-profile-circles")  # its own draws: the others stay as they were
    now = datetime.now(UTC)
    emails = {m.id: e for e, m in ctx.by_email.items()}
    for member in ctx.members:
        if "operator" in member.roles or not await has_consent(member.id, "core.health_data"):
            continue
        email = emails.get(member.id, "")
        if email in NAMED:
            conditions, symptoms, treatments, bio = NAMED[email]
            await _store(member, (conditions, symptoms, treatments), bio, "members")
        elif rng.random() < 0.92:
            bios = BIOS.get(member.language, BIOS["en"])
            bio = rng.choice(bios) if rng.random() < 0.6 else ""
            rows = _join_circle(circle_rng, member.site, _random_profile(rng, now, member.language), now)
            await _store(member, rows, bio, _pick(rng, VISIBILITY_WEIGHTS))
        else:
            continue
        await announce(member.site, member.id)
