"""Kinds and categories of ads (codes stored, msgids shown through the catalogs)."""

from __future__ import annotations

from core.api import N_

__all__ = ["CATEGORIES", "KINDS", "PRICED_KINDS", "REPORT_REASONS"]

#: code -> label msgid
KINDS: dict[str, str] = {
    "sell": N_("For sale"),
    "rent": N_("For rent"),
    "give": N_("To give away"),
    "wanted": N_("Looking for"),
}
#: Kinds that may carry a price ("to give away" never does).
PRICED_KINDS = ("sell", "rent", "wanted")

CATEGORIES: dict[str, str] = {
    "mobility": N_("Mobility aids"),
    "equipment_rental": N_("Medical equipment rental"),
    "orthopaedics": N_("Orthopaedics"),
    "home_care": N_("Home care and daily living"),
    "books": N_("Books and guides"),
    "services": N_("Services"),
    "other": N_("Other"),
}

REPORT_REASONS: dict[str, str] = {
    "forbidden": N_("Forbidden item (medicines, human milk, organs…)"),
    "scam": N_("Scam or misleading ad"),
    "offensive": N_("Offensive content"),
    "personal_data": N_("Someone else's personal or health data"),
    "other": N_("Something else"),
}
