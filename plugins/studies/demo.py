"""Demo: an approved study of the demo partner on the French edition, its volunteers and one extract.

Sixty-four French demo volunteers (consenting to partner studies, each
agreeing to this study in the consent ledger) and Camille take part: the
50-59 and 60-69 bands are large enough to show real counts, the small
groups (40-49, 70+, "another answer") are hidden, with their complements.
The study also requests two Health Box variables: most volunteers logged
their weight (BMI) and some their activity, entered through
``core.api.record_entry`` exactly as the Health Box stores typed entries,
so the extract shows real means and medians next to hidden cells.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from core.api import DemoContext, MemberView, has_consent, record_entry
from plugins.studies import extracts, services
from plugins.studies.stats import age_band

__all__ = ["seed"]

PURPOSES = {
    "fr": "Décrire l'âge, le sexe, la corpulence et l'activité physique des personnes vivant avec une douleur"
    " chronique qui utilisent une communauté d'entraide, pour adapter nos programmes d'éducation thérapeutique.",
    "en": "Describe the age, sex, body mass and physical activity of people living with chronic pain who use a"
    " peer-support community, to adapt our patient-education programmes.",
    "de": "Alter, Geschlecht, Körpergewicht und Bewegung von Menschen mit chronischen Schmerzen beschreiben, die"
    " eine Selbsthilfe-Gemeinschaft nutzen, um unsere Schulungsprogramme anzupassen.",
}
VARIABLES = ["age_band", "healthbox.activity.week28", "healthbox.bmi.latest", "sex"]
# (birth year, sex, volunteers): the last three groups are too small to be shown.
GROUPS = [(1970, "f", 14), (1970, "m", 13), (1960, "f", 15), (1960, "m", 12), (1960, "x", 4), (1980, "f", 3)]
GROUPS.append((1950, "m", 3))


async def _health_entries(ctx: DemoContext, member: MemberView, sex: str, n: int, today: date) -> None:
    """A weight (with height, hence BMI) for 4 volunteers in 5, activity every third day for every other one."""
    rng = ctx.random
    if n % 5 != 4:
        height = Decimal(rng.randint(158, 172) if sex == "f" else rng.randint(168, 185))
        bmi = rng.uniform(21.0, 33.0)
        weight = Decimal(str(round(bmi * float(height / 100) ** 2, 1)))
        await record_entry(
            member.id,
            "weight",
            today - timedelta(days=5),
            {"weight": weight, "height": height},
            source="form",
            tz="Europe/Paris",
        )
    if n % 2 == 0:
        level = rng.uniform(0.5, 1.8)  # some move much more than others: weeks around the WHO 150 minutes
        for days_ago in range(1, 28, 3):  # every third day of the last 4 weeks
            minutes = {
                "moderate_min": round(level * rng.randint(35, 65)),
                "vigorous_min": round(level * rng.randint(0, 15)),
            }
            await record_entry(
                member.id, "activity", today - timedelta(days=days_ago), minutes, source="form", tz="Europe/Paris"
            )


async def seed(ctx: DemoContext) -> None:
    partner = ctx.by_email.get("partner@demo.entraide.test")
    if partner is None or "fr" not in {s.code for s in ctx.sites}:
        return
    today = datetime.now(ctx.sites.by_code["fr"].tz).date()  # the edition's day, as entries count days
    values = services.StudyInput(
        title="Douleur chronique et entraide",
        sponsor="Laboratoire Santé Démo",
        purposes=PURPOSES,
        site="fr",
        age_min=18,
        age_max=99,
        variables=VARIABLES,
        ends_on=today + timedelta(days=180),
    )
    study_id = await services.save_study(values, partner.id)
    from plugins.studies.tables import Study

    await Study.update({Study.status: "approved"}).where(Study.id == study_id)
    study = await Study.select().where(Study.id == study_id).output(load_json=True).first()
    assert study is not None
    purpose = extracts.purpose_of(study_id)

    async def take_part(member: MemberView, year: int, sex: str) -> None:
        body = services.purpose_text(study, member.language)
        version = await ctx.agree(member, purpose, title=study["title"], body=body)
        await services.join(study, member.id, age_band(today.year - year), sex, version)

    n = 0
    for year, sex, count in GROUPS:
        for _ in range(count):
            member = await ctx.add_member(
                f"volontaire{n:02d}@demo.entraide.test",
                f"Volontaire{n:02d}",
                "fr",
                birth_year=year,
                consents=("core.health_data", "core.partner_studies"),
            )
            await take_part(member, year, sex)
            await _health_entries(ctx, member, sex, n, today)
            n += 1
    camille = ctx.by_email.get("camille@demo.entraide.test")
    if camille is not None and await has_consent(camille.id, "core.partner_studies"):
        await take_part(camille, 1984, "f")
    await extracts.create_extract(study, today)
