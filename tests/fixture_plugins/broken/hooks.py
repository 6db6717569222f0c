from __future__ import annotations

from typing import Any

from core.api import Fragment, NavItem, hookimpl


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    if slot == "home.public":
        raise RuntimeError("boom in provide_fragments")
    if slot == "layout.footer":
        return [Fragment(template="does/not/exist.html")]
    return None


@hookimpl
def provide_nav_items(ctx: Any) -> list[NavItem]:
    raise ValueError("nav exploded")
