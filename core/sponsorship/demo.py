"""Demo campaigns: every installed sponsored plugin runs on the fr and be editions, for the demo partner.

A sponsored plugin has no ``seed_demo_data`` hook (core keeps it away from
member data), so core starts its demo campaigns, as an operator would.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.sponsorship.campaigns import CampaignInput, save_campaign

if TYPE_CHECKING:
    from core.members import MemberView
    from core.runtime import Runtime

__all__ = ["DEMO_EDITIONS", "seed_campaigns"]

#: Editions where demo campaigns run (when they exist and the plugin may run there).
DEMO_EDITIONS = ("fr", "be")


async def seed_campaigns(rt: Runtime, partner: MemberView | None) -> list[int]:
    """Enable each sponsored plugin on the demo editions with a campaign started a week ago; the ids."""
    ids = []
    codes = {s.code for s in rt.sites}
    for slug in sorted(rt.sponsored):
        for code in DEMO_EDITIONS:
            if code not in codes or not rt.enablement.allowed_on(slug, rt.site(code)):
                continue
            site = rt.site(code)
            await rt.enablement.set(site, slug, True)
            today = datetime.now(site.tz).date()
            name = f"{rt.registry.metas[slug].name} {today.year}"
            values = CampaignInput(
                slug, code, name, partner.id if partner else None, today - timedelta(days=7), today + timedelta(days=90)
            )
            ids.append(await save_campaign(values))
    return ids
