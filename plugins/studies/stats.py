"""Statistical disclosure control for partner aggregates (docs: shared reference, "Partner stats").

Rules, stricter than the issue's floor and aligned with the reference (CASD):

* **Threshold**: a published count is 0 or at least :data:`K` (11) members;
  a cell, row or column total of 1-10 is suppressed (primary suppression).
* **Complementary suppression**: in every row and column of the table with
  its margins, a suppressed entry is never alone, so no suppressed count can
  be rebuilt by subtracting the others from a total.
* **Rounding**: published counts are rounded to the nearest 5 (zeros stay 0;
  totals are computed from true counts, then rounded).
* **Differencing**: a new extract is refused while its members differ from
  the previous extract's by 1-10 people (two overlapping extracts would
  otherwise single out who joined or left).

The table crosses age bands (rows) and sex (columns) as requested by the
study; both margins are part of the published table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.api import N_

__all__ = [
    "AGE_BANDS",
    "SEXES",
    "VARIABLES",
    "K",
    "Table",
    "age_band",
    "build_table",
    "differencing_risk",
    "round5",
    "suppress",
    "worst_difference",
]

K = 11
AGE_BANDS = ("18-29", "30-39", "40-49", "50-59", "60-69", "70+")
SEXES: dict[str, str] = {"f": N_("Women"), "m": N_("Men"), "o": N_("Another answer or not said")}
VARIABLES: dict[str, str] = {"age_band": N_("Age band (10 years)"), "sex": N_("Sex")}
TOTAL = "total"


def age_band(age: int | None) -> str:
    """The 10-year band of an age (``"unknown"`` when the age is not known or under 18)."""
    if age is None or age < 18:
        return "unknown"
    index = 0 if age < 30 else (age - 30) // 10 + 1
    return AGE_BANDS[min(index, len(AGE_BANDS) - 1)]


def round5(count: int) -> int:
    """The nearest multiple of 5 (halves up); 0 stays 0."""
    return 5 * ((count + 2) // 5)


@dataclass
class Table:
    """A published table: ``cells[row][col]`` is a rounded count or None (suppressed); ``total`` row/col included."""

    rows: list[str]
    cols: list[str]
    cells: dict[str, dict[str, int | None]]
    summaries: list[dict[str, Any]] = field(default_factory=list)  # see plugins/studies/summaries.py

    def suppressed(self) -> int:
        return sum(value is None for row in self.cells.values() for value in row.values())

    def as_json(self) -> dict[str, object]:
        return {"rows": self.rows, "cols": self.cols, "cells": self.cells, "summaries": self.summaries}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Table:
        summaries = list(data.get("summaries") or [])  # type: ignore[call-overload]
        return cls(list(data["rows"]), list(data["cols"]), dict(data["cells"]), summaries)  # type: ignore[call-overload]


def build_table(people: Iterable[tuple[str, str]], variables: Iterable[str]) -> Table:
    """The suppressed, rounded table of ``(age band, sex)`` pairs for the requested variables."""
    wanted = set(variables)
    rows = [*AGE_BANDS] if "age_band" in wanted else ["all"]
    cols = [*SEXES] if "sex" in wanted else ["all"]
    true = {r: dict.fromkeys([*cols, TOTAL], 0) for r in [*rows, TOTAL]}
    for band, sex in people:
        row = band if "age_band" in wanted else "all"
        col = (sex if sex in SEXES else "o") if "sex" in wanted else "all"
        if row not in true:  # unknown age: counted in the totals only
            true[TOTAL][col] += 1
            true[TOTAL][TOTAL] += 1
            continue
        for r, c in ((row, col), (row, TOTAL), (TOTAL, col), (TOTAL, TOTAL)):
            true[r][c] += 1
    hidden = suppress(true, rows, cols)
    cells = {r: {c: (None if (r, c) in hidden else round5(n)) for c, n in line.items()} for r, line in true.items()}
    return Table([*rows, TOTAL], [*cols, TOTAL], cells)


def suppress(true: dict[str, dict[str, int]], rows: list[str], cols: list[str]) -> set[tuple[str, str]]:
    """Cells to hide in a table of true counts with margins: 1-10 members, then their complements."""
    hidden = {(r, c) for r, line in true.items() for c, n in line.items() if 0 < n < K}
    _complete(true, hidden, rows, cols)
    return hidden


def _complete(true: dict[str, dict[str, int]], hidden: set[tuple[str, str]], rows: list[str], cols: list[str]) -> None:
    """Complementary suppression: repeat until no line (row or column, margins included) hides exactly one entry."""
    lines = [[(r, c) for c in [*cols, TOTAL]] for r in [*rows, TOTAL]]
    lines += [[(r, c) for r in [*rows, TOTAL]] for c in [*cols, TOTAL]]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            others = [cell for cell in line if cell not in hidden]
            if not others:
                continue
            # The smallest non-zero entry hides the least; a zero is known to be 0 only if shown.
            pick = min(others, key=lambda cell: (true[cell[0]][cell[1]] == 0, true[cell[0]][cell[1]]))
            hidden.add(pick)
            changed = True


def worst_difference(earlier: Iterable[set[int]], current: set[int]) -> int:
    """The largest risky difference (1-10 people) between ``current`` and any earlier release, else 0.

    Every earlier release counts, not only the last: releases A, B, C may
    each differ from the next by 11 or more while A and C differ by one.
    """
    return max((differencing_risk(before, current) for before in earlier), default=0)


def differencing_risk(previous: set[int] | None, current: set[int]) -> int:
    """How many members differ from the previous extract when that is 1-10 (a risk), else 0."""
    if previous is None:
        return 0
    changed = len(previous ^ current)
    return changed if 0 < changed < K else 0
