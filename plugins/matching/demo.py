"""Demo: most members with health data let others find them (consent recorded in the ledger).

Runs before the profile feature seeds (its ``seed_after``), so the profile
announcements that follow fill the index through the normal event path.
"""

from __future__ import annotations

import random

from core.api import DemoContext, has_consent
from plugins.matching.finder import PURPOSE

__all__ = ["seed"]

NAMED = ("camille@demo.entraide.test", "oliver@demo.entraide.test", "lena@demo.entraide.test")


async def seed(ctx: DemoContext) -> None:
    rng = random.Random("entraide-matching-demo")
    named = {ctx.by_email[e].id for e in NAMED if e in ctx.by_email}
    for member in ctx.members:
        if "operator" in member.roles or not await has_consent(member.id, "core.health_data"):
            continue
        if member.id in named or rng.random() < 0.7:
            await ctx.grant(member, PURPOSE)
