"""Means, medians and distributions of a study variable, under the same disclosure rules as counts.

A mean of one person is that person's value, so a cell's statistics are
published only when its number of members *with a value* is published:
that count table (age band × sex, with margins) goes through the same
primary and complementary suppression as the counts (:func:`stats.suppress`),
and a hidden count hides its mean, median and quartiles too. Published
counts are rounded to 5; statistics are computed on the true values and
rounded to one decimal.

The distribution (members per bin of the variable, all ages and sexes) is
one line whose total is the published count of members with a value: a bin
of 1-10 members is hidden, and so is a second bin when only one would be,
so that the total minus the others never gives it away.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

from core.api import StudyVariable, round_half_up
from plugins.studies.stats import AGE_BANDS, SEXES, TOTAL, K, round5, suppress

__all__ = ["bin_labels", "summarise"]


def _place(band: str, sex: str, wanted: set[str]) -> tuple[str, str]:
    row = band if "age_band" in wanted else "all"
    col = (sex if sex in SEXES else "o") if "sex" in wanted else "all"
    return row, col


def _figures(values: list[float]) -> dict[str, float]:
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {
        "mean": float(round_half_up(statistics.fmean(values))),
        "median": float(round_half_up(statistics.median(values))),
        "q1": float(round_half_up(q1)),
        "q3": float(round_half_up(q3)),
    }


def _bin_of(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= edge for edge in edges)


def summarise(
    variable: StudyVariable,
    people: Iterable[tuple[int, str, str]],
    values: Mapping[int, float],
    wanted: Iterable[str],
) -> dict[str, Any]:
    """The published summary of ``values`` for ``people`` (member, age band, sex), as JSON.

    Args:
        variable: What is summarised (label, unit, bin edges).
        people: Consenting participants with their age band and sex.
        values: One number per member who has one (others are left out, not zero).
        wanted: The study's shape variables (``age_band``, ``sex``): rows and columns.
    """
    shape = set(wanted)
    rows = [*AGE_BANDS] if "age_band" in shape else ["all"]
    cols = [*SEXES] if "sex" in shape else ["all"]
    groups: dict[tuple[str, str], list[float]] = {}
    for member, band, sex in people:
        if member not in values:
            continue
        row, col = _place(band, sex, shape)
        targets = [(TOTAL, col), (TOTAL, TOTAL)]
        if row in rows:  # unknown age: in the totals only
            targets += [(row, col), (row, TOTAL)]
        for cell in targets:
            groups.setdefault(cell, []).append(values[member])
    true = {r: {c: len(groups.get((r, c), [])) for c in [*cols, TOTAL]} for r in [*rows, TOTAL]}
    hidden = suppress(true, rows, cols)
    cells: dict[str, dict[str, dict[str, float] | None]] = {}
    for r, line in true.items():
        cells[r] = {}
        for c, n in line.items():
            shown = (r, c) not in hidden
            cells[r][c] = None if not shown else {"n": round5(n), **(_figures(groups[(r, c)]) if n else {})}
    return {
        "key": variable.key,
        "label": variable.label,
        "unit": variable.unit,
        "bins": list(variable.bins),
        "rows": [*rows, TOTAL],
        "cols": [*cols, TOTAL],
        "cells": cells,
        "distribution": _distribution(groups.get((TOTAL, TOTAL), []), variable.bins, (TOTAL, TOTAL) in hidden),
    }


def _distribution(values: list[float], edges: tuple[float, ...], total_hidden: bool) -> list[int | None]:
    counts = [0] * (len(edges) + 1)
    for value in values:
        counts[_bin_of(value, edges)] += 1
    if total_hidden:
        return [None if n else 0 for n in counts]
    hidden = {i for i, n in enumerate(counts) if 0 < n < K}
    if len(hidden) == 1:
        others = [i for i in range(len(counts)) if i not in hidden and counts[i]]
        if others:
            hidden.add(min(others, key=lambda i: counts[i]))
    return [None if i in hidden else round5(n) for i, n in enumerate(counts)]


def bin_labels(edges: list[float], fmt: Any) -> list[str]:
    """Readable bin names in the page's locale: "< 18.5", "18.5 – < 25", "≥ 30"."""
    if not edges:
        return []
    text = [fmt.decimal(edge) for edge in edges]
    middle = [f"{low} – < {high}" for low, high in pairwise(text)]
    return [f"< {text[0]}", *middle, f"≥ {text[-1]}"]
