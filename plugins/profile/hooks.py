"""Profile hook implementations (thin: logic lives in services, announce and the route modules)."""

from __future__ import annotations

from typing import Any

from core.api import (
    Asset,
    CliCommand,
    DemoContext,
    Event,
    Fragment,
    NavItem,
    PageContext,
    edition_cached,
    gettext_for,
    has_consent,
    hookimpl,
)
from plugins.profile import services
from plugins.profile.announce import announce
from plugins.profile.demo import seed
from plugins.profile.reindex import COMMAND
from plugins.profile.routes import router
from plugins.profile.vocabulary import vocabulary

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "handle_event",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_cli_commands",
    "register_routes",
    "resolve_related",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_cli_commands() -> list[CliCommand]:
    return [COMMAND]


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("My profile")
    return [NavItem(label=label, href="/profile/", order=250, members_only=True, name="profile.edit")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("profile.css")]


@hookimpl
@edition_cached(visitors_only=True)
async def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=30, template="profile/fragments/_privacy.html")]
    if slot == "home.main" and ctx.member is not None and ctx.allows("core.health_data"):
        count = len(await services.condition_codes(ctx.member.id))
        return [Fragment(order=10, template="profile/fragments/_home_card.html", context={"count": count})]
    return None


@hookimpl
async def resolve_related(relation: str, member_id: int, site: str) -> list[str] | None:
    """``profile.conditions``: the member's own condition codes, for their own suggestions only."""
    if relation != "profile.conditions":
        return None
    if not await has_consent(member_id, "core.health_data"):
        return []
    return await services.condition_codes(member_id)


@hookimpl
async def handle_event(event: Event) -> None:
    if event.member_id is None:
        return
    if event.name == "core.consent.changed":
        # Any consent may change what others may index (health data for all of it, a feature's own
        # purpose for that feature): announce again, cheap, and no plugin name needed here.
        await announce(event.site, event.member_id)
    elif event.name == "core.member.erased":
        await services.erase_member(event.member_id)


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """Conditions and symptoms with their ICD-10 code and English label, treatments, bio; visibility of each."""
    data = await services.export_member(member_id)
    vocab = vocabulary()
    for key in ("conditions", "symptoms"):
        for row in data[key]:
            concept = vocab.get(row["code"])
            row["label"] = concept.label("en") if concept else ""
            row["system"] = "ICD-10"
    return data


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
