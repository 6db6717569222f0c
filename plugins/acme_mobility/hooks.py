"""Hook implementations, only those core allows a sponsored plugin (core.hookspecs.SPONSORED_HOOKS).

Core hands ``provide_fragments`` a SponsoredContext: the edition, the
language and, for members who asked for it, one broad interest segment.
"""

from __future__ import annotations

from typing import Any

from core.api import Asset, Fragment, edition_cached, hookimpl
from plugins.acme_mobility.routes import router

__all__ = ["provide_assets", "provide_fragments", "register_routes"]

#: The broad interest (ICD-10 chapter) the card speaks to more directly: bones, joints and muscles.
_MUSCULOSKELETAL = "XIII"


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
@edition_cached  # core keys it on edition, language, segment and running campaigns
def provide_assets(ctx: Any) -> list[Asset]:
    return [Asset("acme_mobility.css")]


@hookimpl
@edition_cached  # depends only on the slot and the segment
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    if slot not in ("home.aside", "home.public"):  # members see the first, visitors the second
        return None
    focused = getattr(ctx, "segment", None) == _MUSCULOSKELETAL
    return [Fragment(order=900, template="acme_mobility/fragments/_card.html", context={"focused": focused})]
