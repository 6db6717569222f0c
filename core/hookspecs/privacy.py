"""Privacy contract: every plugin storing member data exports and erases it."""

from __future__ import annotations

from typing import Any

from core.hooks import hookspec

__all__ = ["erase_personal_data", "export_personal_data"]


@hookspec
async def export_personal_data(member_id: int) -> dict[str, Any] | None:
    """Return everything the plugin holds about one member.

    Policy: collect, strict (an export must never be silently partial).
    When: ``/me/export`` and ``/me/export.zip``; ``entraide`` admin exports.

    Args:
        member_id: The member's id.

    Returns:
        A JSON-serialisable mapping. Lists of flat dicts under a key are also
        written as ``<slug>/<key>.csv`` in the zip export.

    Example:
        @hookimpl
        async def export_personal_data(member_id):
            rows = await services.entries_of(member_id)
            return {"entries": [{"day": r.day.isoformat(), "glasses": r.glasses} for r in rows]}
    """


@hookspec
async def erase_personal_data(member_id: int) -> None:
    """Delete everything the plugin holds about one member.

    Policy: notify, strict (erasure must be complete or fail loudly).
    When: account deletion, before core deletes the member row.

    Args:
        member_id: The member's id.

    Example:
        @hookimpl
        async def erase_personal_data(member_id):
            await services.delete_entries_of(member_id)
    """
