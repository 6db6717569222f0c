"""Interest segments: the only thing about a member a sponsored plugin may ever receive.

A segment is one ICD-10 *chapter* (e.g. ``"XIII"``, diseases of the
musculoskeletal system), derived by core from the member's own conditions,
and only for members who granted ``core.sponsored_personalised`` (off by
default). Never a condition, a member id, a pseudonym or a record. Chapters
that would single out especially sensitive lives are never used for
advertising: infectious diseases (HIV, sexually transmitted infections),
mental and behavioural disorders, pregnancy, and the catch-all chapters.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.ui import PageContext

__all__ = ["PERSONALISED", "SEGMENTS", "chapter_of", "segment_for_codes", "segment_of"]

#: The consent purpose a member grants to get content matched to one broad interest.
PERSONALISED = "core.sponsored_personalised"

#: ICD-10 chapters: (key, first code, last code) in code order (WHO ICD-10 2019).
_CHAPTERS: tuple[tuple[str, str, str], ...] = (
    ("I", "A00", "B99"),
    ("II", "C00", "D48"),
    ("III", "D50", "D89"),
    ("IV", "E00", "E90"),
    ("V", "F00", "F99"),
    ("VI", "G00", "G99"),
    ("VII", "H00", "H59"),
    ("VIII", "H60", "H95"),
    ("IX", "I00", "I99"),
    ("X", "J00", "J99"),
    ("XI", "K00", "K93"),
    ("XII", "L00", "L99"),
    ("XIII", "M00", "M99"),
    ("XIV", "N00", "N99"),
    ("XV", "O00", "O99"),
    ("XVI", "P00", "P96"),
    ("XVII", "Q00", "Q99"),
    ("XVIII", "R00", "R99"),
    ("XIX", "S00", "T98"),
    ("XX", "V01", "Y98"),
    ("XXI", "Z00", "Z99"),
    ("XXII", "U00", "U99"),
)

#: Chapters a sponsored plugin may receive, with what they mean (for sponsors' authors).
SEGMENTS: dict[str, str] = {
    "II": "Cancers and other neoplasms",
    "III": "Blood and immune system",
    "IV": "Endocrine, nutritional and metabolic (e.g. diabetes, thyroid)",
    "VI": "Nervous system (e.g. migraine, multiple sclerosis, epilepsy)",
    "VII": "Eye",
    "VIII": "Ear",
    "IX": "Heart and circulation",
    "X": "Respiratory (e.g. asthma, COPD)",
    "XI": "Digestive (e.g. Crohn's disease, coeliac disease)",
    "XII": "Skin (e.g. psoriasis, eczema)",
    "XIII": "Musculoskeletal and joints (e.g. arthritis, back pain)",
    "XIV": "Kidneys and urinary or genital organs",
    "XVII": "Congenital conditions",
}


def chapter_of(code: str) -> str | None:
    """The ICD-10 chapter key of a code ("M06.9" → "XIII"), or None when it is not ICD-10 shaped."""
    head = code.strip().upper()[:3]
    if len(head) != 3 or not head[0].isalpha() or not head[1:].isdigit():
        return None
    return next((key for key, first, last in _CHAPTERS if first <= head <= last), None)


def segment_for_codes(codes: list[str]) -> str | None:
    """The allowed chapter holding most of the codes (ties: code order), or None."""
    counts = Counter(c for c in (chapter_of(code) for code in codes) if c in SEGMENTS)
    if not counts:
        return None
    order = [key for key, _, _ in _CHAPTERS]
    return min(counts, key=lambda key: (-counts[key], order.index(key)))


async def segment_of(ctx: PageContext) -> str | None:
    """The viewer's segment, when they granted :data:`PERSONALISED` (and the profile feature answers)."""
    if ctx.member is None or not ctx.consent.has(PERSONALISED):
        return None
    from core.kernel import related

    return segment_for_codes([str(c) for c in await related(ctx.request, "profile.conditions", ctx.member.id)])
