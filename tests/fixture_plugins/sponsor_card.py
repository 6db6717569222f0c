"""A well-behaved sponsored plugin: a card in every slot it is offered, a page, an asset that is missing.

Core keeps the card to sponsorable slots during a campaign, labels it, gives its hooks a
SponsoredContext (recorded in SEEN) and runs its page without a viewer.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get

from core.api import Asset, Fragment, PluginMeta, hookimpl, viewer

META = PluginMeta(slug="sponsor_card", name="ACME card", version="1.0.0", kind="sponsored", sponsor="ACME Mobility")

SEEN: list[str] = []


@get("/sponsor_card/whoami", opt={"plugin": "sponsor_card"})
async def whoami(request: Request[Any, Any, Any]) -> str:
    return f"viewer={viewer(request)} cookies={sorted(request.cookies)}"


@hookimpl
def register_routes() -> list[Any]:
    return [whoami]


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment]:
    # Offers a card everywhere and claims to be someone else: core labels it with META.sponsor
    # and keeps it to sponsorable slots; ctx is a SponsoredContext (no member, maybe a segment).
    SEEN.append(f"{type(ctx).__name__} member={ctx.member} segment={ctx.segment}")
    return [Fragment(order=5, html=f"<p>acme-card in {slot}</p>", sponsor="Somebody Else")]


@hookimpl
def provide_assets(ctx: Any) -> list[Asset]:
    return [Asset("missing.css")]
