"""Matching hook implementations (thin: the index and the finder do the work)."""

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
    Purpose,
    edition_cached,
    gettext_for,
    hookimpl,
)
from plugins.matching import index
from plugins.matching.counts import community_count, counts_for
from plugins.matching.demo import seed
from plugins.matching.finder import PURPOSE, is_findable, similar_ids
from plugins.matching.purpose import TEXTS
from plugins.matching.rebuild import COMMAND
from plugins.matching.routes import router

SEARCH_COUNTS = 10  # condition search shows at most this many results

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "handle_event",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "register_cli_commands",
    "register_consent_purposes",
    "register_routes",
    "resolve_related",
    "seed_demo_data",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_consent_purposes() -> list[Purpose]:
    return [Purpose(PURPOSE, texts=TEXTS, health=True, order=40)]


@hookimpl
def register_cli_commands() -> list[CliCommand]:
    return [COMMAND]


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("Members like me")
    return [NavItem(label=label, href="/matching/", order=260, members_only=True, name="matching.index")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("matching.css")]


@hookimpl
@edition_cached  # slot arguments (the condition page) are never cached
async def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "me.privacy":
        return [Fragment(order=35, template="matching/fragments/_privacy.html")]
    if slot == "profile.condition" and ctx.member is not None and ctx.args.get("code"):
        found = await community_count(ctx.site.code, str(ctx.args["code"]))
        return [Fragment(order=10, template="matching/fragments/_count.html", context={"found": found})]
    if slot == "profile.search" and ctx.member is not None and ctx.args.get("codes"):
        codes = [str(c) for c in ctx.args["codes"]][:SEARCH_COUNTS]
        counts = await counts_for(ctx.site.code, ctx.locale, codes)
        if not counts:
            return None
        return [Fragment(order=10, template="matching/fragments/_search_counts.html", context={"counts": counts})]
    return None


@hookimpl
async def resolve_related(relation: str, member_id: int, site: str) -> list[int] | None:
    """``matching.similar``: findable members like this one, best first (only for a findable member)."""
    if relation != "matching.similar":
        return None
    if not await is_findable(member_id):
        return []
    return [m for m, _ in await similar_ids(site, site, member_id, 30)]


@hookimpl
async def handle_event(event: Event) -> None:
    """Keep the index in step: profile announcements, consent withdrawals, erasure."""
    if event.member_id is None:
        return
    if event.name == "profile.conditions.changed":
        if await is_findable(event.member_id):
            await index.store_labels(event.payload)
            await index.replace_member(event.member_id, event.site, index.rows_from_payload(event.payload))
        else:
            await index.drop_member(event.member_id)
    elif event.name == "core.consent.changed" and event.payload.get("action") == "withdraw":
        if event.payload.get("purpose") in (PURPOSE, "core.health_data"):
            await index.drop_member(event.member_id)
    elif event.name == "core.member.erased":
        await index.drop_member(event.member_id)


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """What the index holds about the member (derived from what they opened to all members)."""
    return {"index": [{"key": r["key"], "code": r["code"]} for r in await index.entries_of(member_id)]}


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await index.drop_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    await seed(ctx)
