"""Impressions and clicks as daily aggregates per campaign and slot (no member, no cookie).

Counting happens on pages members read, so it must cost nothing there: each
worker adds to an in-memory :class:`Tally` and writes it out at most every
``FLUSH_SECONDS`` (and at shutdown, and before any count is shown). Rows
are keyed ``"<campaign>:<day>:<slot>"``; workers add to them, never overwrite.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import date
from typing import Any

from core.db import transaction
from core.sponsorship.tables import CampaignTally

__all__ = ["FLUSH_SECONDS", "PAGE_SLOT", "Tally", "daily_counts"]

log = logging.getLogger("entraide.sponsorship")
FLUSH_SECONDS = 10.0
#: The "slot" under which views of a sponsored plugin's own pages are counted.
PAGE_SLOT = "page"


class Tally:
    """One worker's pending counts."""

    def __init__(self) -> None:
        self._pending: Counter[tuple[int, date, str, str]] = Counter()
        self._last = time.monotonic()

    def add(self, campaign_id: int, day: date, slot: str, kind: str) -> None:
        """Count one impression or click (``kind``: ``"impressions"`` or ``"clicks"``)."""
        self._pending[(campaign_id, day, slot[:32], kind)] += 1

    def due(self) -> bool:
        """Whether pending counts wait for a write (checked after each page, so not a coroutine)."""
        return bool(self._pending) and time.monotonic() - self._last >= FLUSH_SECONDS

    async def flush(self) -> None:
        """Add the pending counts to the database (a lost flush loses counts, never data)."""
        pending, self._pending = self._pending, Counter()
        self._last = time.monotonic()
        if not pending:
            return
        rows: dict[tuple[int, date, str], dict[str, int]] = {}
        for (campaign, day, slot, kind), count in pending.items():
            rows.setdefault((campaign, day, slot), {"impressions": 0, "clicks": 0})[kind] += count
        try:
            async with transaction(CampaignTally._meta.db):
                for (campaign, day, slot), counts in rows.items():
                    await _add_row(campaign, day, slot, counts)
        except Exception:
            log.exception("could not write %s campaign counts", len(rows))


async def _add_row(campaign: int, day: date, slot: str, counts: dict[str, int]) -> None:
    key = f"{campaign}:{day.isoformat()}:{slot}"
    existing = await CampaignTally.select(CampaignTally.id).where(CampaignTally.key == key).first()
    if existing:
        await CampaignTally.update(
            {
                CampaignTally.impressions: CampaignTally.impressions + counts["impressions"],
                CampaignTally.clicks: CampaignTally.clicks + counts["clicks"],
            }
        ).where(CampaignTally.id == existing["id"])
    else:
        await CampaignTally.insert(
            CampaignTally(
                key=key,
                campaign=campaign,
                day=day,
                slot=slot,
                impressions=counts["impressions"],
                clicks=counts["clicks"],
            )
        )


async def daily_counts(campaign_id: int) -> list[dict[str, Any]]:
    """Every day and slot of a campaign, newest day first (``day, slot, impressions, clicks``)."""
    rows = (
        await CampaignTally.select(
            CampaignTally.day, CampaignTally.slot, CampaignTally.impressions, CampaignTally.clicks
        )
        .where(CampaignTally.campaign == campaign_id)
        .order_by(CampaignTally.day, ascending=False)
        .order_by(CampaignTally.slot)
    )
    return list(rows)
