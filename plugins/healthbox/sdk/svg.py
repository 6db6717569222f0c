"""Low-level SVG helpers: XML escaping, nice axis ticks and the date/value frame.

Charts are hand-written SVG (no JavaScript, no external references) so they
render under a strict Content-Security-Policy and in e-mails and PDFs alike.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

__all__ = ["SVG_NS", "Frame", "chart_id", "esc", "fmt_number", "nice_ticks"]

SVG_NS = "http://www.w3.org/2000/svg"
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def esc(text: object) -> str:
    """Escape text for XML content and double-quoted attributes.

    Characters XML 1.0 forbids (control characters, lone surrogates) are
    dropped, so a user label can never make the document malformed.
    """
    return escape(_INVALID_XML.sub("", str(text)), {'"': "&quot;"})


def fmt_number(value: float) -> str:
    """Short number for labels and coordinates: at most one decimal, no "-0"."""
    text = f"{value:.0f}" if abs(value) >= 1000 else f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def chart_id(explicit: str | None, title: str, salt: int) -> str:
    """A document-unique id prefix for ``aria-labelledby`` references."""
    if explicit:
        return "hb-" + _ID_CHARS.sub("-", explicit)
    return f"hb-{zlib.crc32(f'{title}|{salt}'.encode()):08x}"


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10^k steps) covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        low, high = (low - 1, low + 1) if math.isfinite(low) else (0.0, 1.0)
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(first + len(ticks) * step)
    return [round(tick, 10) for tick in ticks]


@dataclass(frozen=True, slots=True)
class Frame:
    """Maps days and values to pixel coordinates inside the plot area.

    Each day owns one slot of equal width, so bars and line points line up.
    """

    left: float
    top: float
    right: float
    bottom: float
    first_day: int
    last_day: int
    low: float
    high: float

    @property
    def slot(self) -> float:
        """Width of one day in pixels."""
        return (self.right - self.left) / (self.last_day - self.first_day + 1)

    def x(self, day: date) -> float:
        """Horizontal centre of ``day``."""
        return self.left + (day.toordinal() - self.first_day + 0.5) * self.slot

    def y(self, value: float) -> float:
        """Vertical position of ``value`` (clamped to the plot area)."""
        value = min(max(value, self.low), self.high)
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)
