"""Sponsorship tables: campaigns, their daily counts, and partner-programme members.

Counts are aggregates per campaign, day and slot: nothing records who saw
or clicked what. Programme membership is the member's own choice, kept by
core so that the sponsor never learns who joined.
"""

from __future__ import annotations

from piccolo.columns import Date, ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.tables import Member

__all__ = ["Campaign", "CampaignTally", "ProgrammeMember"]


class Campaign(Table, tablename="core_campaign"):
    """A sponsored plugin shown on one edition between two dates (inclusive, edition time zone)."""

    id = Serial(primary_key=True)
    plugin = Varchar(length=32, index=True)
    site = Varchar(length=8)
    name = Varchar(length=80)
    #: The partner account that may read the counts (kept as None if that account is erased).
    partner = ForeignKey(references=Member, on_delete=OnDelete.set_null, null=True, index=True)
    starts_on = Date()
    ends_on = Date()
    created_at = Timestamptz()


class CampaignTally(Table, tablename="core_campaign_tally"):
    """Impressions and clicks of one campaign in one slot on one day (``key`` = ``"<id>:<day>:<slot>"``)."""

    id = Serial(primary_key=True)
    key = Varchar(length=64, unique=True)
    campaign = ForeignKey(references=Campaign, on_delete=OnDelete.cascade, index=True)
    day = Date()
    slot = Varchar(length=32)
    impressions = Integer(default=0)
    clicks = Integer(default=0)


class ProgrammeMember(Table, tablename="core_programme_member"):
    """A member who joined a sponsor's programme on an edition (reserved content)."""

    id = Serial(primary_key=True)
    key = Varchar(length=64, unique=True)  # "<member>:<site>:<plugin>"
    member = ForeignKey(references=Member, on_delete=OnDelete.cascade, index=True)
    plugin = Varchar(length=32)
    site = Varchar(length=8)
    joined_at = Timestamptz()
