"""Demo notifications: what the demo members would have been told about lately.

Written through :func:`deliver`, like events from other plugins, so the
rules (same edition, no self-notification, blocks) apply to demo data too.
Camille keeps some unread; everyone sees their list and badge filled in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.api import N_, DemoContext, Event, MemberView, related
from plugins.notifications.delivery import deliver
from plugins.notifications.tables import Notification

__all__ = ["seed"]

# (kind, url, msgid, params) — msgids of the emitting plugins, so they read in every language.
DEMO: list[tuple[str, str, str, dict[str, str]]] = [
    ("friends.request", "/friends/requests/", N_("%(actor)s sent you a friend request"), {}),
    ("wall.comment", "/wall/", N_("%(actor)s commented on your post"), {}),
    ("wall.like", "/wall/", N_("%(actor)s liked your post"), {}),
    ("groups.reply", "/groups/", N_("%(actor)s replied in a discussion you follow"), {}),
    ("friends.accepted", "/friends/", N_("%(actor)s accepted your friend request"), {}),
    ("wall.mention", "/wall/", N_("%(actor)s mentioned you in a post"), {}),
]
DEMO_MEMBERS = ("camille@demo.entraide.test", "oliver@demo.entraide.test", "lena@demo.entraide.test")


async def _seed_member(ctx: DemoContext, member: MemberView, unread: int) -> None:
    pool = [m.id for m in ctx.members if m.site == member.site and m.id != member.id and "operator" not in m.roles]
    # friendship notifications come from real friends and requests when a friends plugin seeded them
    friends = await related(member.site, "friends.friends", member.id) or pool
    pending = await related(member.site, "friends.pending", member.id) or pool
    if not pool:
        return
    for kind, url, msgid, params in DEMO:
        choices = {"friends.request": pending, "friends.accepted": friends}.get(kind, pool)
        actor = ctx.random.choice(choices)
        notify = [
            {"member_id": member.id, "kind": kind, "actor_id": actor, "url": url, "msgid": msgid, "params": params}
        ]
        await deliver(Event("demo.notification.created", member.site, actor, {"notify": notify}))
    rows = await Notification.select(Notification.id).where(Notification.member == member.id).order_by(Notification.id)
    now = datetime.now(UTC)
    for age, row in enumerate(reversed(rows)):
        moment = now - timedelta(hours=3 + age * 9)
        read = age >= unread
        await Notification.update(
            {Notification.created_at: moment, Notification.read_at: moment if read else None}
        ).where(Notification.id == row["id"])


async def seed(ctx: DemoContext) -> None:
    for index, email in enumerate(DEMO_MEMBERS):
        member = ctx.by_email.get(email)
        if member is not None:
            await _seed_member(ctx, member, unread=3 if index == 0 else 1)
