from __future__ import annotations

from typing import Any

from litestar import Request, Router, get

from core.api import Event, Fragment, NavItem, Permission, hookimpl, render

EVENTS: list[Event] = []


@get("/", name="greeter:index")
async def index(request: Request[Any, Any, Any]) -> Any:
    return await render(request, "greeter/pages/index.html", {"who": "world"})


@get("/secret", name="greeter:secret", opt={"permission": "greeter.read_secret"})
async def secret() -> str:
    return "the secret"


@hookimpl
def register_routes() -> list[Any]:
    return [Router("/greeter", route_handlers=[index, secret])]


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("greeter.read_secret", ("moderator", "operator"))]


@hookimpl
def provide_nav_items(ctx: Any) -> list[NavItem]:
    return [NavItem(label="Greeter", href="/greeter/", order=50)]


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    if slot == "home.public":
        return [
            Fragment(order=20, html="<p>greeter-second</p>"),
            Fragment(order=10, template="greeter/fragments/_hello.html", context={"who": "visitor"}),
            Fragment(order=30, html="<p>promo</p>", sponsored=True, sponsor="ACME Pharma"),
        ]
    return None


@hookimpl
async def handle_event(event: Event) -> None:
    EVENTS.append(event)
