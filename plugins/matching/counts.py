"""Community counts per condition: the same small-cell rule in HTML, JSON and CSV.

Any count under 10 is replaced by "fewer than 10" (and ``null`` + a flag in
JSON), on every edition, so that no page, file or API tells that 3 members
of a small edition live with a rare condition.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from core.api import N_
from plugins.matching import index
from plugins.matching.tables import Label

__all__ = ["FEWER", "SMALL", "CommunityCount", "community_count", "community_counts", "counts_for", "label_of"]

#: Counts below this are never shown as a number.
SMALL = 10
FEWER = N_("fewer than 10")


@dataclass(frozen=True)
class CommunityCount:
    code: str
    label: str
    family: str
    count: int

    @property
    def suppressed(self) -> bool:
        return self.count < SMALL

    def shown(self) -> int | None:
        """The number to show, or None when it must stay hidden."""
        return None if self.suppressed else self.count


def label_of(row: dict[str, Any] | None, lang: str, fallback: str) -> str:
    names = (row or {}).get("names") or {}
    return str(names.get(lang) or names.get("en") or fallback)


async def community_counts(site: str, lang: str, query: str = "") -> list[CommunityCount]:
    """Every condition the index knows on this edition (optionally filtered), most members first."""
    rows = await Label.select().where(Label.kind == "condition").output(load_json=True)
    folded = _fold(query)
    chosen = [r for r in rows if not folded or folded in _fold(" ".join([r["code"], *r["names"].values()]))]
    numbers = await index.counts(site, [r["code"] for r in chosen])
    found = [
        CommunityCount(r["code"], label_of(r, lang, r["code"]), r["family"], numbers.get(r["code"], 0)) for r in chosen
    ]
    found = [c for c in found if c.count > 0]
    return sorted(found, key=lambda c: (-(c.shown() or 0), c.label))


async def counts_for(site: str, lang: str, codes: list[str]) -> list[CommunityCount]:
    """Counts of the given conditions that members here opened to all, in the given order (search results).

    Conditions nobody shares are left out, as on the list of all conditions.
    """
    if not codes:
        return []
    rows = await Label.select().where(Label.kind == "condition", Label.code.is_in(codes)).output(load_json=True)
    by_code = {r["code"]: r for r in rows}
    numbers = await index.counts(site, [c for c in codes if c in by_code])
    return [
        CommunityCount(c, label_of(by_code[c], lang, c), "", numbers[c])
        for c in dict.fromkeys(codes)
        if numbers.get(c, 0) > 0
    ]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


async def community_count(site: str, code: str) -> CommunityCount:
    """One condition's count (for the condition pages of the profile feature)."""
    numbers = await index.counts(site, [code])
    return CommunityCount(code, code, "", numbers.get(code, 0))
