"""Demo ads on every edition where classifieds are on, with photos drawn locally.

Posters are the edition's demo members; towns come from the directory's
city list idea but are looked up in the gazetteer here (no plugin import);
photos are simple pictures drawn with Pillow, then stored through
``core.api.process_image`` like any upload. Uses the demo's seeded generator.
"""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

from faker import Faker
from PIL import Image, ImageDraw

from core.api import DemoContext, geocode, process_image, transaction
from plugins.classifieds import photos as photo_store
from plugins.classifieds.services import _search_text
from plugins.classifieds.tables import Ad

__all__ = ["seed"]

TOWNS = {
    "fr": ("fr_FR", ("Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes")),
    "be": ("fr_BE", ("Bruxelles", "Liège", "Namur")),
    "ch": ("fr_CH", ("Genève", "Lausanne")),
    "qc": ("fr_CA", ("Montréal", "Québec")),
    "ma": ("fr_FR", ("Casablanca", "Rabat")),
    "dz": ("fr_FR", ("Alger", "Oran")),
    "tn": ("fr_FR", ("Tunis", "Sfax")),
    "uk": ("en_GB", ("London", "Manchester", "Leeds")),
    "de": ("de_DE", ("Berlin", "Köln")),
}
#: (kind, category, title, price in major units or None) per language
ITEMS = {
    "fr": (
        ("sell", "mobility", "Fauteuil roulant pliant, très bon état", 180),
        ("rent", "equipment_rental", "Location lit médicalisé électrique", 60),
        ("sell", "mobility", "Déambulateur 4 roues avec siège", 45),
        ("give", "books", "Livre « Vivre avec le diabète »", None),
        ("sell", "orthopaedics", "Attelle de genou ligamentaire taille M", 25),
        ("wanted", "mobility", "Cherche rollator d'occasion", 40),
        ("give", "home_care", "Coussin anti-escarres à mémoire de forme", None),
        ("sell", "home_care", "Rehausseur WC avec accoudoirs", 20),
        ("rent", "equipment_rental", "Location lève-personne, courte durée", 80),
        ("wanted", "services", "Cherche aide pour les courses le samedi", None),
        ("sell", "orthopaedics", "Chaussures orthopédiques pointure 39", 35),
        ("give", "books", "Lot de livres sur la sclérose en plaques", None),
    ),
    "en": (
        ("sell", "mobility", "Folding wheelchair, very good condition", 150),
        ("rent", "equipment_rental", "Electric hospital bed to rent", 50),
        ("sell", "mobility", "Four-wheel rollator with seat", 40),
        ("give", "books", "Book: Living well with diabetes", None),
        ("sell", "orthopaedics", "Knee brace, size M", 20),
        ("wanted", "mobility", "Looking for a second-hand rollator", 35),
        ("give", "home_care", "Memory-foam pressure cushion", None),
        ("wanted", "services", "Looking for help with Saturday shopping", None),
    ),
    "de": (
        ("sell", "mobility", "Faltrollstuhl, sehr guter Zustand", 160),
        ("rent", "equipment_rental", "Elektrisches Pflegebett zu vermieten", 55),
        ("give", "books", "Buch: Leben mit Diabetes", None),
        ("sell", "orthopaedics", "Kniebandage Größe M", 20),
    ),
}
_BODY = {
    "fr": "{sentence}\n\nÀ récupérer à {city}. Possibilité de livraison selon la distance.",
    "en": "{sentence}\n\nCollection from {city}. Delivery possible depending on distance.",
    "de": "{sentence}\n\nAbholung in {city}. Lieferung je nach Entfernung möglich.",
}
_COLOURS = ((52, 101, 164), (78, 154, 6), (196, 160, 0), (117, 80, 123), (204, 0, 0), (32, 74, 135))


def demo_photo(rng: random.Random, colour: tuple[int, int, int]) -> bytes:
    """A simple drawn picture (PNG): a coloured scene with an object shape."""
    image = Image.new("RGB", (800, 600), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill=(235, 235, 230))
    x, y = rng.randint(180, 420), rng.randint(150, 250)
    draw.ellipse((x, y, x + 220, y + 220), outline=(255, 255, 255), width=14)
    draw.rectangle((x + 60, y - 90, x + 160, y + 120), fill=(240, 240, 240))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


async def seed(ctx: DemoContext) -> None:
    """All ads in one write transaction (one disk sync instead of one per row)."""
    async with transaction():
        await _seed(ctx)


async def _seed(ctx: DemoContext) -> None:
    rng = ctx.random
    now = datetime.now(UTC)
    # Re-encoding is the slow part: draw and process a few pictures once, store copies per ad.
    pictures = [process_image(demo_photo(rng, colour), max_side=800, thumb_side=320) for colour in _COLOURS]
    for code, (locale, towns) in TOWNS.items():
        site = ctx.sites.get(code)
        posters = [m for m in ctx.members if m.site == code and "operator" not in m.roles]
        if site is None or not posters:
            continue
        fake = Faker(locale)
        fake.seed_instance(rng.randint(0, 2**31))
        language = site.locale
        for i, (kind, category, title, price) in enumerate(ITEMS[language]):
            town = geocode(towns[i % len(towns)], site.country)
            if town is None:
                continue
            age = timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23))
            description = _BODY[language].format(sentence=fake.paragraph(nb_sentences=3), city=town.name)
            values = {"title": title, "description": description, "city": town.name}
            ad = Ad(
                site=code,
                member_id=rng.choice(posters).id,
                kind=kind,
                category=category,
                title=title,
                description=description,
                price_minor=price * 100 if price is not None else None,
                currency=site.currency,
                city=town.name,
                postcode=town.postcode,
                lat=round(town.lat + rng.uniform(-0.03, 0.03), 5),
                lon=round(town.lon + rng.uniform(-0.04, 0.04), 5),
                search_text=_search_text(values),
                expires_at=now - age + timedelta(days=30),
                created_at=now - age,
                updated_at=now - age,
            )
            await ad.save()
            if code in ("fr", "uk") or i % 3 == 0:
                await photo_store.store(int(ad.id), rng.sample(pictures, k=1 + (i % 2)), 0)
