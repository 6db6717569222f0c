"""What ``seed_demo_data`` implementations receive, and the order they run in."""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.members import MemberView
    from core.meta import PluginMeta
    from core.sites import SiteMap

__all__ = ["DEMO_PASSWORD", "DemoContext", "seed_order"]

DEMO_PASSWORD = "entraide-demo-2026"  # noqa: S105 - documented demo accounts only


@dataclass
class DemoContext:
    """Demo members and editions handed to every plugin's ``seed_demo_data``.

    Attributes:
        members: Every demo member so far (core's accounts, then those
            plugins added with :meth:`add_member`), as read-only views.
        by_email: The same members keyed by their demo e-mail address (the
            only place a plugin sees one: demo accounts are public).
        sites: The editions.
        random: Seeded generator: use it (never ``random`` itself) so that
            every ``entraide demo --reset`` builds the same community.
    """

    members: list[MemberView]
    by_email: dict[str, MemberView]
    sites: SiteMap
    random: random.Random = field(default_factory=lambda: random.Random(2026))

    async def add_member(
        self,
        email: str,
        pseudonym: str,
        site: str,
        *,
        birth_year: int = 1980,
        consents: tuple[str, ...] = ("core.health_data",),
        role: str = "member",
    ) -> MemberView:
        """Create one more demo account (password :data:`DEMO_PASSWORD`, terms accepted).

        Args:
            email: Demo address, e.g. ``"nadia@demo.entraide.test"``.
            pseudonym: Public name (unique, case-insensitive).
            site: Home edition code.
            birth_year: Year of birth (must satisfy the edition's minimum age).
            consents: Purposes granted besides ``core.terms``.
            role: ``member``, ``pro`` (created verified), ``moderator``...
        """
        from core.context import active_runtime
        from core.demo import create_member

        view = await create_member(
            active_runtime(), email, pseudonym, site, role, birth_year, consents, len(self.members)
        )
        self.members.append(view)
        self.by_email[email] = view
        return view

    async def grant(self, member: MemberView, purpose: str) -> None:
        """Record that a demo member granted ``purpose`` (a plugin's own, e.g. ``matching.findable``).

        Written to the consent ledger like a click on the consents page
        (channel ``demo``, the member's edition and language).
        """
        from core import consent
        from core.context import active_runtime

        rt = active_runtime()
        site = rt.site(member.site)
        await consent.record(
            member.id, rt.purposes[purpose], "grant", site=site, language=member.language, channel="demo"
        )

    async def agree(self, member: MemberView, purpose: str, *, title: str, body: str) -> str:
        """Record that a demo member agreed to a dynamic purpose (e.g. one study); the text version.

        Like ``core.api.record_consent`` from the member's own click: the
        ledger keeps the hash of ``title`` and ``body`` (channel ``demo``).
        """
        from core.context import active_runtime
        from core.research import record_dynamic

        rt = active_runtime()
        site = rt.site(member.site)
        return await record_dynamic(
            rt, member.id, purpose, "grant", site=site, language=member.language, title=title, body=body, channel="demo"
        )


def seed_order(metas: dict[str, PluginMeta]) -> list[str]:
    """Slugs in seeding order: ``requires_plugins``, then ``seed_after``, then slug.

    Raises:
        ValueError: The declared orders contradict each other (a cycle).
    """
    before: dict[str, set[str]] = {slug: set() for slug in metas}
    for slug, meta in metas.items():
        for other in (*meta.requires_plugins, *meta.seed_after):
            if other in metas and other != slug:
                before[slug].add(other)
    ready = [slug for slug, deps in before.items() if not deps]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        slug = heapq.heappop(ready)
        order.append(slug)
        for other, deps in before.items():
            if slug in deps:
                deps.discard(slug)
                if not deps:
                    heapq.heappush(ready, other)
    if len(order) != len(metas):
        stuck = sorted(set(metas) - set(order))
        raise ValueError(f"demo seeding order has a cycle among: {', '.join(stuck)}")
    return order
