"""Partner programmes: members who chose to join a sponsor's programme see its reserved content.

Membership is kept by core, per edition, and decided for the sponsored
plugin through ``resolve_permission`` (``core.sponsored_reserved``, answered
by core's built-in plugin): the sponsor never learns who joined. Joining or
leaving is one button on the sponsor's pages (core's layout around them);
no payment provider is involved.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from core.sponsorship.tables import ProgrammeMember

if TYPE_CHECKING:
    from litestar import Request

__all__ = ["has_programme", "is_member", "join", "leave", "member_programmes", "programme_box"]


def has_programme(request: Request[Any, Any, Any], plugin: str) -> bool:
    """Whether the plugin has reserved routes (``opt={"reserved": True}``)."""
    rt = request.app.state.entraide
    cached: dict[str, bool] | None = getattr(rt, "_programmes", None)
    if cached is None:
        cached = {}
        for route in request.app.routes:
            for handler in getattr(route, "route_handlers", []):
                slug = handler.opt.get("plugin")
                if slug in rt.sponsored:
                    cached[slug] = cached.get(slug, False) or bool(handler.opt.get("reserved"))
        rt._programmes = cached
    return cached.get(plugin, False)


def _key(member_id: int, site: str, plugin: str) -> str:
    return f"{member_id}:{site}:{plugin}"


async def is_member(member_id: int, site: str, plugin: str) -> bool:
    return bool(await ProgrammeMember.exists().where(ProgrammeMember.key == _key(member_id, site, plugin)))


async def join(member_id: int, site: str, plugin: str) -> None:
    if not await is_member(member_id, site, plugin):
        await ProgrammeMember.insert(
            ProgrammeMember(
                key=_key(member_id, site, plugin),
                member=member_id,
                plugin=plugin,
                site=site,
                joined_at=datetime.now(UTC),
            )
        )


async def leave(member_id: int, site: str, plugin: str) -> None:
    await ProgrammeMember.delete().where(ProgrammeMember.key == _key(member_id, site, plugin))


async def member_programmes(member_id: int) -> list[dict[str, Any]]:
    """The member's programmes (for their export)."""
    rows = await ProgrammeMember.select(ProgrammeMember.plugin, ProgrammeMember.site, ProgrammeMember.joined_at).where(
        ProgrammeMember.member == member_id
    )
    return list(rows)


async def programme_box(request: Request[Any, Any, Any], plugin: str, member: Any) -> dict[str, Any] | None:
    """What core shows about the programme around a sponsored page (None: the plugin has none)."""
    if not has_programme(request, plugin):
        return None
    site = request.scope["state"]["site"].code
    joined = member is not None and await is_member(int(member.id), site, plugin)
    return {"signed_in": member is not None, "joined": joined, "action": f"/partners/programmes/{plugin}"}
