from __future__ import annotations

from typing import Any

from litestar import Request, Router, get
from litestar.params import FromPath

from core.api import Event, Fragment, NavItem, Permission, allowed, hookimpl, render, viewer

EVENTS: list[Event] = []


@get("/", name="greeter:index")
async def index(request: Request[Any, Any, Any]) -> Any:
    return await render(request, "greeter/pages/index.html", {"who": "world"})


@get("/about/{member_id:int}", name="greeter:about")
async def about(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Any:
    """A page that tells its slot what it is about (``slot_args``)."""
    return await render(request, "greeter/pages/about.html", {}, slot_args={"member_id": member_id})


@get("/secret", name="greeter:secret", opt={"permission": "greeter.read_secret"})
async def secret() -> str:
    return "the secret"


@get("/can/{obj:str}", name="greeter:can")
async def can(request: Request[Any, Any, Any], obj: FromPath[str]) -> dict[str, Any]:
    """What core.api tells a plugin about the viewer, as JSON (tests read it)."""
    me = viewer(request)
    return {
        "allowed": await allowed(request, "greeter.read_secret", obj),
        "anonymous_allowed": await allowed(request, "greeter.read_secret", obj, member=None),
        "viewer": None if me is None else {"id": me.id, "pseudonym": me.pseudonym, "roles": sorted(me.roles)},
    }


EXTRA_ROUTES: list[Any] = []  # handlers a test adds for one app (under /greeter/)


@hookimpl
def register_routes() -> list[Any]:
    return [Router("/greeter", route_handlers=[index, about, secret, can]), *EXTRA_ROUTES]


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("greeter.read_secret", ("moderator", "operator"))]


@hookimpl
def provide_nav_items(ctx: Any) -> list[NavItem]:
    return [NavItem(label="Greeter", href="/greeter/", order=50, name="greeter.index", badge=3)]


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    if slot == "profile.main":
        return [Fragment(html=f"<p>about member {int(ctx.args['member_id'])}</p>")]
    if slot == "home.public":
        return [
            Fragment(order=20, html="<p>greeter-second</p>"),
            Fragment(order=10, template="greeter/fragments/_hello.html", context={"who": "visitor"}),
        ]
    return None


@hookimpl
async def handle_event(event: Event) -> None:
    EVENTS.append(event)


# --- hooks exercised one by one in tests/core/test_hooks.py -----------------
from pathlib import Path  # noqa: E402

from core.api import Asset, CliCommand, DemoContext, Purpose, PurposeText  # noqa: E402

STORE: dict[int, list[str]] = {}
LIFECYCLE: list[str] = []


@hookimpl
def provide_template_context(ctx: Any) -> dict[str, Any]:
    return {"greeter_motto": "Hello from the context hook"}


@hookimpl
def provide_assets(ctx: Any) -> list[Asset]:
    return [Asset("greeter.css")]


@hookimpl
async def resolve_permission(member: Any, permission: str, obj: Any) -> bool | None:
    # async on purpose: core awaits awaitable answers
    if permission == "greeter.read_secret" and obj == "shared-with-everyone":
        return True
    return None


@hookimpl
def resolve_related(relation: str, member_id: int, site: str) -> list[int] | None:
    if relation == "greeter.pen_pals":
        return [member_id + 1, member_id + 2] if site == "fr" else []
    return None


@hookimpl
def register_template_dirs() -> list[Path]:
    return [Path(__file__).parent / "extra_templates"]


@hookimpl
def register_consent_purposes() -> list[Purpose]:
    return [
        Purpose(
            "greeter.newsletter",
            texts={
                "en": PurposeText("Greeter newsletter", "Send me greetings. {controller}"),
                "fr": PurposeText("Lettre", "Salutations. {controller}"),
            },
            order=90,
        )
    ]


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any] | None:
    return {"greetings": [{"text": t} for t in STORE.get(member_id, [])]}


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    STORE.pop(member_id, None)


@hookimpl
async def on_startup(app: Any) -> None:
    LIFECYCLE.append("startup")


@hookimpl
async def on_shutdown(app: Any) -> None:
    LIFECYCLE.append("shutdown")


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    for member in ctx.members:
        STORE.setdefault(member.id, []).append(f"welcome {member.pseudonym}")


def _setup(parser: Any) -> None:
    parser.add_argument("name")


def _run(args: Any) -> int:
    print(f"hello {args.name}")
    return 0


@hookimpl
def register_cli_commands() -> list[CliCommand]:
    return [CliCommand("greet", "say hello", _setup, _run)]
