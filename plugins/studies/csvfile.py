"""An extract as CSV for the partner: the counts table, then each variable's statistics and distribution.

Only what the page shows: suppressed cells read ``suppressed``, no row-level
data, no date finer than the month in the file name.
"""

from __future__ import annotations

import csv
import io

from plugins.studies.stats import Table

__all__ = ["extract_csv"]

HIDDEN = "suppressed"
FIGURES = ("n", "mean", "median", "q1", "q3")


def _cell(value: object) -> str:
    return HIDDEN if value is None else str(value)


def extract_csv(table: Table) -> str:
    """The CSV text of one published extract."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["age_band", *table.cols])
    for row in table.rows:
        writer.writerow([row, *(_cell(table.cells[row][c]) for c in table.cols)])
    for summary in table.summaries:
        writer.writerow([])
        if summary.get("withheld"):
            writer.writerow(["variable", "withheld"])
            writer.writerow([summary["key"], "differencing risk with an earlier extract"])
            continue
        writer.writerow(["variable", "unit", "age_band", "sex", "n", "mean", "median", "q1", "q3"])
        for row in summary["rows"]:
            for col in summary["cols"]:
                cell = summary["cells"][row][col]
                figures = [HIDDEN] * 5 if cell is None else [cell.get(k, "") for k in FIGURES]
                writer.writerow([summary["key"], summary["unit"], row, col, *figures])
        writer.writerow([])
        writer.writerow(["variable", "bin_from", "bin_to", "members"])
        edges = [""] + [str(e) for e in summary["bins"]] + [""]
        for i, count in enumerate(summary["distribution"]):
            writer.writerow([summary["key"], edges[i], edges[i + 1], _cell(count)])
    return out.getvalue()
