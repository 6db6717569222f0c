"""Demo: an approved study of the demo partner on the French edition, its volunteers and one extract.

Sixty-four French demo volunteers (consenting to partner studies) and
Camille take part: the 50-59 and 60-69 bands are large enough to show real
counts, the small groups (40-49, 70+, "another answer") are hidden, with
their complements.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.api import DemoContext
from plugins.studies import services
from plugins.studies.stats import age_band

__all__ = ["seed"]

PURPOSES = {
    "fr": "Décrire l'âge et le sexe des personnes vivant avec une douleur chronique qui utilisent une communauté"
    " d'entraide, pour adapter nos programmes d'éducation thérapeutique.",
    "en": "Describe the age and sex of people living with chronic pain who use a peer-support community, to adapt"
    " our patient-education programmes.",
    "de": "Alter und Geschlecht von Menschen mit chronischen Schmerzen beschreiben, die eine Selbsthilfe-Gemeinschaft"
    " nutzen, um unsere Schulungsprogramme anzupassen.",
}


async def seed(ctx: DemoContext) -> None:
    partner = ctx.by_email.get("partner@demo.entraide.test")
    if partner is None or "fr" not in {s.code for s in ctx.sites}:
        return
    today = date.today()
    values = services.StudyInput(
        title="Douleur chronique et entraide",
        sponsor="Laboratoire Santé Démo",
        purposes=PURPOSES,
        site="fr",
        age_min=18,
        age_max=99,
        variables=["age_band", "sex"],
        ends_on=today + timedelta(days=180),
    )
    study_id = await services.save_study(values, partner.id)
    from plugins.studies.tables import Study

    await Study.update({Study.status: "approved"}).where(Study.id == study_id)
    study = await Study.select().where(Study.id == study_id).output(load_json=True).first()
    assert study is not None
    joined: set[int] = set()
    groups = [(1970, "f", 14), (1970, "m", 13), (1960, "f", 15), (1960, "m", 12), (1960, "x", 4), (1980, "f", 3)]
    groups.append((1950, "m", 3))
    n = 0
    for year, sex, count in groups:
        for _ in range(count):
            member = await ctx.add_member(
                f"volontaire{n:02d}@demo.entraide.test",
                f"Volontaire{n:02d}",
                "fr",
                birth_year=year,
                consents=("core.health_data", "core.partner_studies"),
            )
            await services.join(study, member.id, age_band(today.year - year), sex)
            joined.add(member.id)
            n += 1
    camille = ctx.by_email.get("camille@demo.entraide.test")
    if camille is not None:
        await services.join(study, camille.id, age_band(today.year - 1984), "f")
        joined.add(camille.id)
    await services.create_extract(study, joined, today)
