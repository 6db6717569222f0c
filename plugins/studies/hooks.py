"""Studies hook implementations."""

from __future__ import annotations

from typing import Any

from core.api import (
    Asset,
    DemoContext,
    Fragment,
    NavItem,
    PageContext,
    Permission,
    consent_of,
    edition_cached,
    gettext_for,
    hookimpl,
)
from plugins.studies import services
from plugins.studies.routes import router

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_permissions",
    "register_routes",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("studies.review", ("operator",), "Approve or reject partners' studies")]


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    if ctx.member is None:
        return []
    label = gettext_for(ctx.request).gettext("Studies")
    return [NavItem(label, "/studies/", order=700, members_only=True, name="studies.index")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("studies.css", under="/studies/")]


@hookimpl
@edition_cached(live_slots=("me.disclosures", "me.privacy"))  # the member's own extracts and study consents
async def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if ctx.member is None:
        return None
    if slot == "me.disclosures":
        rows = await services.disclosures_of(ctx.member.id)
        if not rows:
            return None
        return [Fragment(order=60, template="studies/fragments/_disclosures.html", context={"rows": rows})]
    if slot == "me.privacy":
        rows = await services.study_consents(ctx.member.id, await consent_of(ctx.request))
        return [Fragment(order=60, template="studies/fragments/_me.html", context={"consents": rows})]
    if slot == "partners.main":
        return [Fragment(order=60, template="studies/fragments/_partners.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    return await services.export_member(member_id)


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    from plugins.studies.demo import seed

    await seed(ctx)
