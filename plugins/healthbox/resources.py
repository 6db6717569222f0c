"""Help lines the Health Box points to, per edition (reference §9: "locale-configurable").

Numbers must be re-verified at each release (they change); an edition without
a known national quit line gets the sentence without a number, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QUIT_LINES", "QuitLine", "quit_line"]


@dataclass(frozen=True, slots=True)
class QuitLine:
    """A national stop-smoking line: its name and number as dialled in that country."""

    name: str
    number: str


QUIT_LINES: dict[str, QuitLine] = {
    "fr": QuitLine("Tabac Info Service", "39 89"),
    "be": QuitLine("Tabacstop", "0800 111 00"),
    "ch": QuitLine("Ligne stop-tabac / Rauchstopplinie", "0848 000 181"),
    "qc": QuitLine("J'Arrête", "1 866 527-7383"),
    "uk": QuitLine("NHS Smokefree National Helpline", "0300 123 1044"),
    "de": QuitLine("Rauchfrei-Telefon", "0800 8 31 31 31"),
}
"""Known national quit lines by edition code (ma, dz, tn: none listed yet)."""


def quit_line(site_code: str) -> QuitLine | None:
    """The edition's quit line, or None when none is known."""
    return QUIT_LINES.get(site_code)
