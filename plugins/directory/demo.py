"""Demo listings: 300 in ten French cities, a few dozen on every other edition.

Names and streets come from Faker in the edition's locale, phones are
random numbers that ``phonenumbers`` accepts for the country, positions are
spread a few kilometres around each town centre (as street addresses would
be). Everything derives from the demo's seeded generator.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import phonenumbers
from faker import Faker

from core.api import DemoContext, geocode, transaction
from plugins.directory import services
from plugins.directory.specialties import PARTNER_KINDS, codes_for
from plugins.directory.tables import Listing, Suggestion

__all__ = ["CITIES", "seed"]

#: edition -> (Faker locale, towns, listings per town)
CITIES: dict[str, tuple[str, tuple[str, ...], int]] = {
    "fr": (
        "fr_FR",
        (
            "Paris",
            "Lyon",
            "Marseille",
            "Toulouse",
            "Bordeaux",
            "Lille",
            "Nantes",
            "Strasbourg",
            "Montpellier",
            "Rennes",
        ),
        30,
    ),
    "be": ("fr_BE", ("Bruxelles", "Liège", "Namur", "Charleroi"), 8),
    "ch": ("fr_CH", ("Genève", "Lausanne", "Zürich", "Bern"), 8),
    "qc": ("fr_CA", ("Montréal", "Québec", "Laval", "Gatineau"), 8),
    "ma": ("fr_FR", ("Casablanca", "Rabat", "Marrakech"), 8),
    "dz": ("fr_FR", ("Alger", "Oran", "Constantine"), 8),
    "tn": ("fr_FR", ("Tunis", "Sfax", "Sousse"), 8),
    "uk": ("en_GB", ("London", "Manchester", "Birmingham", "Leeds"), 8),
    "de": ("de_DE", ("Berlin", "München", "Hamburg", "Köln"), 8),
}
_HOURS = {
    "fr": ("Lundi–vendredi 8 h 30–19 h", "Lun., mar., jeu. 9 h–18 h ; sam. 9 h–12 h", "Sur rendez-vous"),
    "en": ("Monday–Friday 8.30am–6pm", "Mon, Tue, Thu 9am–5pm; Sat 9am–12pm", "By appointment"),
    "de": ("Mo–Fr 8:00–18:00", "Mo, Di, Do 9:00–17:00; Sa 9:00–12:00", "Nach Vereinbarung"),
}
_ASSOCIATIONS = {
    "fr": (
        "Association des diabétiques de {city}",
        "Parkinson {city} — groupe d'entraide",
        "Ligue contre le cancer, antenne de {city}",
    ),
    "en": ("{city} Diabetes Support Group", "Parkinson's {city} Branch", "{city} Cancer Support Network"),
    "de": ("Diabetiker-Selbsthilfe {city}", "Parkinson-Gruppe {city}", "Krebsberatung {city}"),
}
_PHARMACY = {"fr": "Pharmacie {name}", "en": "{name} Pharmacy", "de": "{name}-Apotheke"}
_EQUIPMENT = {"fr": "{name} Matériel médical", "en": "{name} Mobility & Care", "de": "Sanitätshaus {name}"}
_LAB = {"fr": "Laboratoire {name}", "en": "{name} Diagnostics", "de": "Labor {name}"}


def phone_for(country: str, rng: random.Random) -> str:
    """A random number valid for the country, in E.164 (retry until ``phonenumbers`` agrees)."""
    region = country.split("-")[0]
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE)
    assert example is not None, region
    national = str(example.national_number)
    for _ in range(200):
        digits = national[:-5] + "".join(str(rng.randint(0, 9)) for _ in range(5))
        candidate = phonenumbers.parse(f"+{example.country_code}{digits}", None)
        if phonenumbers.is_valid_number(candidate):
            return phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _name(code: str, fake: Faker, language: str, city: str, rng: random.Random) -> str:
    if code == "pharmacy":
        return _PHARMACY[language].format(name=rng.choice([fake.last_name(), city]))
    if code == "patient_association":
        return rng.choice(_ASSOCIATIONS[language]).format(city=city)
    if code == "medical_equipment":
        return _EQUIPMENT[language].format(name=fake.last_name())
    if code == "laboratory":
        return _LAB[language].format(name=fake.last_name())
    person = f"{fake.first_name()} {fake.last_name()}"
    doctor = code.endswith(("ist", "ian", "practitioner")) and code not in ("physiotherapist", "speech_therapist")
    return f"Dr {person}" if doctor and language != "de" else (f"Dr. {person}" if doctor else person)


def _listing(code: str, town: Any, fake: Faker, site: Any, rng: random.Random) -> dict[str, Any]:
    language = site.locale
    spoken = ["fr"] if language == "fr" else [language]
    spoken += rng.sample(["en", "ar", "es", "de", "it"], k=rng.randint(0, 2))
    return {
        "site": site.code,
        "specialty": code,
        "name": _name(code, fake, language, town.name, rng)[:120],
        "address": fake.street_address().replace("\n", ", ")[:200],
        "phone": phone_for(site.country, rng),
        "website": f"https://www.{fake.domain_word()}.example" if rng.random() < 0.4 else "",
        "languages": ",".join(dict.fromkeys(c for c in spoken if c != "de" or language == "de" or rng.random() < 0.5)),
        "hours": rng.choice(_HOURS[language]),
        "wheelchair": rng.random() < 0.6,
        "hearing_loop": rng.random() < 0.15,
        "online_booking": code not in PARTNER_KINDS and rng.random() < 0.5,
        "video_consultation": code not in PARTNER_KINDS and rng.random() < 0.25,
        "verified": rng.random() < 0.35,
    }


async def seed(ctx: DemoContext) -> None:
    """All listings in one write transaction."""
    async with transaction():
        await _seed(ctx)


async def _seed(ctx: DemoContext) -> None:
    rng = ctx.random
    now = datetime.now(UTC)
    rows = []
    for code, (locale, towns, per_town) in CITIES.items():
        site = ctx.sites.get(code)
        if site is None:
            continue
        fake = Faker(locale)
        fake.seed_instance(rng.randint(0, 2**31))
        codes = codes_for(site.country)
        weighted = [
            *codes,
            "general_practitioner",
            "general_practitioner",
            "physiotherapist",
            "physiotherapist",
            "pharmacy",
        ]
        for town_name in towns:
            town = geocode(town_name, site.country)
            if town is None:
                continue
            for i in range(per_town):
                specialty = codes[i] if i < len(codes) else rng.choice(weighted)
                values = _listing(specialty, town, fake, site, rng)
                services._located(values, town, jitter_km=6.0, rng=rng)
                values["search_text"] = services.search_text(
                    values["name"], specialty, values["city"], values["postcode"]
                )
                rows.append(Listing(created_at=now, updated_at=now, **values))
    await Listing.insert(*rows)
    await _claimed(ctx)
    await _corrections(ctx, now)


async def _claimed(ctx: DemoContext) -> None:
    """A verified physiotherapist in Lyon who claimed her listing (log in to see the owner's view)."""
    pro = await ctx.add_member("claire.kine@demo.entraide.test", "ClaireKine", "fr", role="pro", consents=())
    first = await (
        Listing.select(Listing.id)
        .where((Listing.site == "fr") & (Listing.city == "Lyon") & (Listing.specialty == "physiotherapist"))
        .first()
    )
    if first is not None:
        await Listing.update({Listing.owner_id: pro.id, Listing.verified: True}).where(Listing.id == first["id"])


async def _corrections(ctx: DemoContext, now: datetime) -> None:
    """Two pending corrections by Camille, so the operators' queue is not empty."""
    camille = ctx.by_email.get("camille@demo.entraide.test")
    if camille is None:
        return
    first = await Listing.select(Listing.id).where(Listing.site == "fr").order_by(Listing.id).limit(2)
    proposals = (("hours", "Lundi–vendredi 9 h–18 h, fermé le mercredi"), ("phone", "+33478000000"))
    for row, (field, value) in zip(first, proposals, strict=False):
        await Suggestion.insert(
            Suggestion(listing=row["id"], member_id=camille.id, field=field, value=value, note="", created_at=now)
        )
