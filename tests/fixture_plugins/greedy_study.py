"""A plugin answering study values for *every* member it is given and more: core must still filter."""

from __future__ import annotations

from datetime import date

from core.api import N_, PluginMeta, StudyVariable, hookimpl

META = PluginMeta(slug="greedy_study", name="Greedy study values (test)", version="0.1.0")
ASKED: list[list[int]] = []
EXTRA_ID = 999_999


@hookimpl
def provide_study_variables(site: str) -> list[StudyVariable]:
    return [StudyVariable("greedy_study.score", N_("Score"), "", (10,))]


@hookimpl
async def resolve_study_values(
    variable: str, member_ids: list[int], purpose: str, site: str, today: date
) -> dict[int, float] | None:
    if variable != "greedy_study.score":
        return None
    ASKED.append(list(member_ids))
    return {**{m: float(m) for m in member_ids}, EXTRA_ID: 1.0}  # an id it was never given
