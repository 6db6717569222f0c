"""Demo groups: the seeded communities of each edition, members, threads with replies.

French editions get "Entorse de la cheville", "Anxiété", "Diabète de type 2",
"Sclérose en plaques" and a private carers' group; uk and de get a few in
English and German. Camille moderates the private group and has a pending
join request to answer; one message carries a report for the queue.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from core.api import DemoContext, MemberView
from plugins.groups import services
from plugins.groups.demo_content import GROUPS, SUGGESTED_ONLY, GroupSpec
from plugins.groups.tables import Group, Membership, Reply, Report, Subscription, Thread

__all__ = ["seed"]

CAMILLE = "camille@demo.entraide.test"
NAMED = (CAMILLE, "oliver@demo.entraide.test", "lena@demo.entraide.test")


async def _member(group_id: int, member: MemberView, status: str = "active", role: str = "member") -> None:
    key = f"{group_id}:{member.id}"
    if not await Membership.exists().where(Membership.membership_key == key):
        since = datetime.now(UTC) - timedelta(days=60)
        row = Membership(
            group=group_id, member=member.id, membership_key=key, status=status, role=role, created_at=since
        )
        await Membership.insert(row)


async def _thread(
    group_id: int, people: list[MemberView], spec: tuple[str, str, list[str]], start: datetime, rng: random.Random
) -> None:
    title, opening, replies = spec
    author = rng.choice(people)
    rows = await Thread.insert(
        Thread(
            group=group_id,
            author=author.id,
            title=title,
            created_at=start,
            last_activity_at=start,
            reply_count=len(replies),
        )
    ).returning(Thread.id)
    thread_id = int(rows[0]["id"])
    previous = await Reply.insert(
        Reply(thread=thread_id, author=author.id, body=opening, opening=True, created_at=start)
    ).returning(Reply.id)
    previous_id, when, writers, last = int(previous[0]["id"]), start, {author.id}, author.id
    for text in replies:
        when += timedelta(hours=rng.uniform(2, 30))
        writer = rng.choice([p for p in people if p.id not in (author.id, last)] or people)  # nobody answers themselves
        quote = previous_id if text.startswith("> ") else None
        row = await Reply.insert(
            Reply(thread=thread_id, author=writer.id, body=text.removeprefix("> "), quote_id=quote, created_at=when)
        ).returning(Reply.id)
        previous_id, last = int(row[0]["id"]), writer.id
        writers.add(writer.id)
    await Thread.update({Thread.last_activity_at: when}).where(Thread.id == thread_id)
    for member_id in writers:
        await Subscription.insert(
            Subscription(thread=thread_id, member=member_id, subscription_key=f"{thread_id}:{member_id}")
        )


def _joins(named: MemberView, camille: MemberView | None, visibility: str, slug: str) -> bool:
    """Named members join the public groups (Camille also her private one), not those left to suggest."""
    if slug in SUGGESTED_ONLY:
        return False
    return visibility == "public" or named == camille


async def _group(ctx: DemoContext, site: str, lang: str, spec: GroupSpec, members: list[MemberView]) -> None:
    rng = ctx.random
    slug, name, visibility, codes, description, threads = spec
    group_id = await services.create_group(
        site, slug, name, lang, description=description, visibility=visibility, conditions=codes
    )
    named = [ctx.by_email[e] for e in NAMED if e in ctx.by_email and ctx.by_email[e].site == site]
    pool = [m for m in members if m not in named] if slug in SUGGESTED_ONLY else members
    people = rng.sample(pool, min(len(pool), rng.randint(6, 22)))
    camille = ctx.by_email.get(CAMILLE)
    for index, person in enumerate(
        people + [n for n in named if n not in people and _joins(n, camille, visibility, slug)]
    ):
        role = "moderator" if index == 0 or (visibility == "private" and person == camille) else "member"
        await _member(group_id, person, role=role)
    if visibility == "private" and camille is not None and camille.site == site:
        outsider = next((m for m in members if m not in people and m != camille), None)
        if outsider is not None:
            await _member(group_id, outsider, status="pending")
    writers = [p for p in people if p not in named] or people
    start = datetime.now(UTC) - timedelta(days=45)
    for number, thread in enumerate(threads):
        await _thread(group_id, writers, thread, start + timedelta(days=6 * number + rng.uniform(0, 4)), rng)
    await services.recount(group_id)


async def _report_one(site: str) -> None:
    """One open report, in a private group first (Camille moderates it on fr: her queue is not empty)."""
    reply = None
    for group in await Group.select(Group.id).where(Group.site == site).order_by(Group.visibility):
        threads = [t["id"] for t in await Thread.select(Thread.id).where(Thread.group == group["id"])]
        reply = (
            await Reply.select(Reply.id, Reply.author, Reply.thread.group)
            .where(Reply.thread.is_in(threads) & (Reply.opening == False))  # noqa: E712
            .order_by(Reply.id)
            .first()
            if threads
            else None
        )
        if reply:
            break
    if reply is None:
        return
    readers = await Membership.select(Membership.member).where(
        (Membership.group == reply["thread.group"]) & (Membership.status == "active")
    )
    reporter = next((r["member"] for r in readers if r["member"] != reply["author"]), None)
    if reporter is not None:
        await Report.insert(
            Report(
                reporter=reporter,
                reply=reply["id"],
                group_id=reply["thread.group"],
                site=site,
                reason="danger",
                note="",
                report_key=f"{reply['id']}:{reporter}",
                created_at=datetime.now(UTC) - timedelta(hours=3),
            )
        )


async def seed(ctx: DemoContext) -> None:
    for site in ctx.sites:
        members = [m for m in ctx.members if m.site == site.code and not m.has_role("operator")]
        if len(members) < 3:
            continue
        lang = site.locale if site.locale in GROUPS else "en"
        for spec in GROUPS[lang]:
            await _group(ctx, site.code, lang, spec, members)
        if site.code in ("fr", "uk", "de"):
            await _report_one(site.code)
