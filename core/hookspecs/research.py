"""Research hooks: per-member numbers a plugin summarises for partner studies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.hooks import hookspec

if TYPE_CHECKING:
    from datetime import date

    from core.research import StudyVariable

__all__ = ["provide_study_variables", "resolve_study_values"]


@hookspec
def provide_study_variables(site: str) -> list[StudyVariable]:
    """Declare the numbers the plugin can summarise per member for partner studies.

    Policy: collect, strict. Implementations may be async (core awaits them).
    When: whenever code calls ``core.api.study_variables`` (a partner's study
    form, its checks, an extract), for plugins enabled on the edition.

    Args:
        site: Code of the edition asking.

    Returns:
        :class:`core.api.StudyVariable` items, keys named ``<slug>.<what>``.

    Example:
        @hookimpl
        def provide_study_variables(site):
            from core.api import N_, StudyVariable

            return [StudyVariable("hydration.glasses.mean30", N_("Glasses a day, mean of 30 days"), "{glass}", (4, 8))]
    """


@hookspec(firstresult=True)
def resolve_study_values(
    variable: str, member_ids: list[int], purpose: str, site: str, today: date
) -> dict[int, float] | None:
    """Answer one summary number per member for a study variable you declared.

    Policy: first, strict. Implementations may be async (core awaits them).
    When: when a study publishes an extract (``core.api.study_values``), for
    plugins enabled on the edition; sponsored plugins are never asked. Core
    passes only members whose ledger grants ``core.partner_studies`` and the
    study's ``purpose`` now, and drops any other id from the answer.

    Args:
        variable: A key from your ``provide_study_variables``; abstain on others.
        member_ids: Consenting participants.
        purpose: The study's own consent purpose (check it again if you wish).
        site: Code of the edition asking.
        today: The edition's day; windows ("the last 30 days") end on it.

    Returns:
        ``{member id: number}`` for members who have a value (leave out the
        others), or None to abstain. Never a date, a text or a raw record.

    Example:
        @hookimpl
        async def resolve_study_values(variable, member_ids, purpose, site, today):
            if variable != "hydration.glasses.mean30":
                return None
            return await services.mean_glasses(member_ids, since=today - timedelta(days=29))
    """
