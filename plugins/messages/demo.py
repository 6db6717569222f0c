"""Demo conversations: Camille has several, some unread; Oliver and Lena one each.

Messages go through the same service functions as the pages, so unread
counts and read markers are exactly what members would have produced.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.api import DemoContext, MemberView
from plugins.messages import services

__all__ = ["seed"]

# (subject, number of others, [(speaker index: 0 = the demo member, text)], messages the demo member has not read)
FR_THREADS: list[tuple[str, int, list[tuple[int, str]], int]] = [
    (
        "",
        1,
        [
            (
                1,
                "Bonjour Camille, j'ai vu ton message sur le mur à propos de la reprise de la marche. "
                "Tu as repris depuis longtemps ?",
            ),
            (0, "Bonjour ! Depuis trois semaines, doucement : vingt minutes le matin, avec une chevillère."),
            (
                1,
                "Merci, ça me rassure. Mon kiné me dit la même chose, "
                "mais j'ai toujours peur de me refaire une entorse.",
            ),
            (
                0,
                "C'est normal. Ce qui m'a aidée, c'est de noter chaque sortie "
                "dans la Boîte santé pour voir les progrès.",
            ),
            (1, "Bonne idée, je vais essayer cette semaine."),
            (1, "Tu marches plutôt sur terrain plat ou tu fais aussi des chemins ?"),
        ],
        2,
    ),
    (
        "Groupe de marche du dimanche",
        3,
        [
            (1, "Bonjour à tous ! On se retrouve dimanche à 10 h au parc comme prévu ?"),
            (2, "Oui pour moi, je viendrai avec ma fille."),
            (0, "Je serai là aussi. Pas plus de 45 minutes pour moi, ma cheville fatigue encore."),
            (3, "Parfait, on fera la petite boucle autour de l'étang."),
            (1, "Pensez à prendre de l'eau, il doit faire chaud."),
            (2, "Et une petite pause café à la fin ?"),
        ],
        3,
    ),
    (
        "",
        1,
        [
            (0, "Merci pour les conseils sur le sommeil l'autre jour, j'ai essayé de me coucher à heure fixe."),
            (1, "Avec plaisir ! Ça a changé quelque chose ?"),
            (0, "Un peu, je me réveille moins la nuit. Je continue."),
            (1, "Super, tiens-moi au courant."),
        ],
        0,
    ),
    (
        "Béquilles à prêter",
        1,
        [
            (1, "Bonjour, vous prêtez toujours vos béquilles ? Je me suis tordu la cheville samedi."),
            (0, "Bonjour, oui, elles sont disponibles. Je peux les déposer près de la mairie mercredi."),
            (1, "Mercredi c'est parfait, merci beaucoup !"),
        ],
        1,
    ),
]
OTHER_THREADS: dict[str, list[tuple[int, str]]] = {
    "oliver@demo.entraide.test": [
        (1, "Hi Oliver, how did the first week of logging your sleep go?"),
        (0, "Better than expected. Seeing the chart helps me stick to a bedtime."),
        (1, "Same here. Let's compare notes next week!"),
    ],
    "lena@demo.entraide.test": [
        (1, "Hallo Lena, kommst du am Donnerstag zum Treffen der Gruppe?"),
        (0, "Ja, ich bin dabei. Ich bringe die Broschüre über Bewegung mit."),
        (1, "Super, bis Donnerstag!"),
    ],
}


def _neighbours(ctx: DemoContext, member: MemberView, count: int) -> list[MemberView]:
    pool = [m for m in ctx.members if m.site == member.site and m.id != member.id and "operator" not in m.roles]
    return ctx.random.sample(pool, min(count, len(pool)))


async def _thread(
    me: MemberView, others: list[MemberView], subject: str, lines: list[tuple[int, str]], unread: int, start: datetime
) -> None:
    people = [me, *others]
    moment = start
    conversation_id = 0
    for index, (speaker, text) in enumerate(lines):
        author = people[speaker % len(people)]
        moment += timedelta(minutes=17 + 41 * index)
        if not conversation_id:
            recipients = [p.id for p in people if p.id != author.id]
            conversation_id, message_id = await services.start_conversation(
                me.site, author.id, recipients, subject, text, moment
            )
        else:
            message_id = await services.post_message(conversation_id, author.id, text, moment, hidden_from=set())
        if index == len(lines) - 1 - unread:
            thread = await services.load_thread(conversation_id, me.id, me.site)
            if thread is not None:
                await services.mark_read(thread, message_id)


async def seed(ctx: DemoContext) -> None:
    now = datetime.now(UTC)
    camille = ctx.by_email.get("camille@demo.entraide.test")
    if camille is not None:
        chosen = _neighbours(ctx, camille, sum(t[1] for t in FR_THREADS))
        for days, (subject, count, lines, unread) in enumerate(FR_THREADS):
            others, chosen = chosen[:count], chosen[count:]
            if len(others) == count:
                await _thread(camille, others, subject, lines, unread, now - timedelta(days=len(FR_THREADS) - days))
    for email, lines in OTHER_THREADS.items():
        member = ctx.by_email.get(email)
        if member is not None:
            partner = _neighbours(ctx, member, 1)
            if partner:
                await _thread(member, partner, "", lines, 0, now - timedelta(days=2))
