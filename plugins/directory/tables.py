"""Directory tables: listings (per edition, geocoded) and members' correction suggestions.

Search reads ``directory_listing`` through the composite index
``(site, lat, lon)`` created by the first migration: a bounding box around
the place narrows 100,000 listings to the few hundred near it before any
distance is computed.
"""

from __future__ import annotations

from piccolo.columns import Boolean, Integer, Real, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

__all__ = ["Listing", "Suggestion"]


class Listing(Table, tablename="directory_listing"):
    """A health professional or partner (pharmacy, association, equipment provider) of one edition."""

    id = Serial(primary_key=True)
    site = Varchar(length=8)
    specialty = Varchar(length=40)
    name = Varchar(length=120)
    address = Varchar(length=200, default="")
    postcode = Varchar(length=12, default="")
    city = Varchar(length=80)
    lat = Real()
    lon = Real()
    phone = Varchar(length=20, default="")  # E.164, formatted for display per country
    website = Varchar(length=200, default="")
    languages = Varchar(length=60, default="")  # ISO 639-1 codes, comma-separated
    hours = Text(default="")
    wheelchair = Boolean(default=False)
    hearing_loop = Boolean(default=False)
    online_booking = Boolean(default=False)
    video_consultation = Boolean(default=False)
    verified = Boolean(default=False)  # checked by an operator (badge)
    owner_id = Integer(null=True, default=None, index=True)  # verified professional who claimed it
    search_text = Text(default="")  # folded name, specialty labels, city: keyword search
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Suggestion(Table, tablename="directory_suggestion"):
    """A member's proposed correction, applied only when an operator accepts it."""

    id = Serial(primary_key=True)
    listing = Integer(index=True)
    member_id = Integer(index=True)
    field = Varchar(length=32)
    value = Text()
    note = Text(default="")
    status = Varchar(length=10, default="pending")  # pending | accepted | rejected
    created_at = Timestamptz()
    decided_at = Timestamptz(null=True, default=None)
