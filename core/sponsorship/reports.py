"""What the operator and the partner see of a campaign: daily totals, totals per slot, a CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.i18n import N_
from core.sponsorship.tables import Campaign
from core.sponsorship.tally import PAGE_SLOT, daily_counts

__all__ = ["SLOT_LABELS", "CampaignReport", "campaign_report", "campaign_rows", "report_csv"]

#: How slots are named to people (translated in templates).
SLOT_LABELS: dict[str, str] = {
    "layout.banner": N_("Banner on every page"),
    "home.main": N_("Home page of members"),
    "home.aside": N_("Home page, side column"),
    "home.public": N_("Home page of visitors"),
    PAGE_SLOT: N_("The partner's own pages"),
}


@dataclass
class CampaignReport:
    """Counts of one campaign: per day (all slots) and per slot (all days)."""

    days: list[dict[str, Any]] = field(default_factory=list)
    slots: list[dict[str, Any]] = field(default_factory=list)
    impressions: int = 0
    clicks: int = 0


async def campaign_report(campaign_id: int) -> CampaignReport:
    report = CampaignReport()
    by_day: dict[date, dict[str, Any]] = {}
    by_slot: dict[str, dict[str, Any]] = {}
    for row in await daily_counts(campaign_id):
        day = by_day.setdefault(row["day"], {"day": row["day"], "impressions": 0, "clicks": 0})
        slot = by_slot.setdefault(row["slot"], {"slot": row["slot"], "impressions": 0, "clicks": 0})
        for target in (day, slot):
            target["impressions"] += row["impressions"]
            target["clicks"] += row["clicks"]
        report.impressions += row["impressions"]
        report.clicks += row["clicks"]
    report.days = sorted(by_day.values(), key=lambda d: d["day"], reverse=True)
    report.slots = sorted(by_slot.values(), key=lambda s: -s["impressions"])
    return report


async def report_csv(campaign_id: int) -> str:
    """``day,slot,impressions,clicks``, one line per day and slot, oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["day", "slot", "impressions", "clicks"])
    for row in sorted(await daily_counts(campaign_id), key=lambda r: (r["day"], r["slot"])):
        writer.writerow([row["day"].isoformat(), row["slot"], row["impressions"], row["clicks"]])
    return out.getvalue()


async def campaign_rows(*, partner_id: int | None = None, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """Campaigns (newest first) with the partner's pseudonym; one partner's only when ``partner_id`` is given."""
    query = Campaign.select(
        Campaign.id,
        Campaign.plugin,
        Campaign.site,
        Campaign.name,
        Campaign.starts_on,
        Campaign.ends_on,
        Campaign.partner,
        Campaign.partner.pseudonym.as_alias("partner_pseudonym"),
    )
    if partner_id is not None:
        query = query.where(Campaign.partner == partner_id)
    if campaign_id is not None:
        query = query.where(Campaign.id == campaign_id)
    return list(await query.order_by(Campaign.starts_on, ascending=False).order_by(Campaign.id, ascending=False))
