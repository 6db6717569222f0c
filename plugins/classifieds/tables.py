"""Classifieds tables: ads, their photos, reports and contact requests."""

from __future__ import annotations

from piccolo.columns import Boolean, Integer, Real, Serial, SmallInt, Text, Timestamptz, Varchar
from piccolo.table import Table

__all__ = ["Ad", "Contact", "Photo", "Report"]


class Ad(Table, tablename="classifieds_ad"):
    """An ad of one edition; hidden ads answer 404 to everyone but moderators."""

    id = Serial(primary_key=True)
    site = Varchar(length=8)
    member_id = Integer(index=True)
    kind = Varchar(length=8)
    category = Varchar(length=24)
    title = Varchar(length=100)
    description = Text()
    price_minor = Integer(null=True, default=None)  # in the currency's minor unit (cents, millimes)
    currency = Varchar(length=3)
    city = Varchar(length=80)
    postcode = Varchar(length=12, default="")
    lat = Real()
    lon = Real()
    status = Varchar(length=8, default="active")  # active | closed
    hidden = Boolean(default=False)
    hidden_reason = Varchar(length=12, default="")  # reports | moderator
    search_text = Text(default="")
    expires_at = Timestamptz(index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Photo(Table, tablename="classifieds_photo"):
    """A re-encoded photo of an ad (files in the plugin's media folder)."""

    id = Serial(primary_key=True)
    ad = Integer(index=True)
    file = Varchar(length=64)
    thumb = Varchar(length=64)
    position = SmallInt(default=0)
    width = Integer(default=0)
    height = Integer(default=0)


class Report(Table, tablename="classifieds_report"):
    """A member's report of an ad (one per member and ad)."""

    id = Serial(primary_key=True)
    ad = Integer(index=True)
    member_id = Integer(index=True)
    reason = Varchar(length=16)
    note = Text(default="")
    status = Varchar(length=10, default="open")  # open | dismissed | upheld
    created_at = Timestamptz()


class Contact(Table, tablename="classifieds_contact"):
    """That a member contacted a poster through the relay form (the text is not kept)."""

    id = Serial(primary_key=True)
    ad = Integer(index=True)
    member_id = Integer(index=True)
    created_at = Timestamptz(index=True)
