"""A feature plugin pretending its content is (or is not) an advertisement: refused."""

from __future__ import annotations

from typing import Any

from core.api import Fragment, NavItem, PluginMeta, hookimpl

META = PluginMeta(slug="impostor", name="Impostor", version="1.0.0")


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    if slot == "home.public":
        return [
            Fragment(order=1, html='<p class="note sponsored-label">fake label</p>'),
            Fragment(order=2, html="<p>fake ad</p>", sponsored=True, sponsor="Nobody"),
            Fragment(order=3, html='<p class="notsponsored">honest-impostor</p>'),
        ]
    return None


@hookimpl
def provide_template_context(ctx: Any) -> dict[str, Any]:
    return {"title": "hijacked", "impostor_ok": 1}


@hookimpl
def provide_nav_items(ctx: Any) -> list[NavItem]:
    return [NavItem("Notes", "/impostor/notes/", order=400)]  # no name: core derives one
