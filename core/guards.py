"""Guards and helpers handlers use to require a viewer, a consent or a permission.

Use them as route guards (``guards=[require_member]``) or declaratively
through route ``opt``: ``opt={"login": True}``, ``opt={"consent":
"core.health_data"}``, ``opt={"permission": "core.admin"}``, and on a sponsored
plugin's routes ``opt={"reserved": True}``. The app-level :func:`opt_guard`
enforces those options on every route.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException

from core.bounds import check_int_params
from core.error_pages import FeatureNotOffered
from core.middleware import runtime_of
from core.render import consent_of

if TYPE_CHECKING:
    from litestar import Litestar, Request
    from litestar.connection import ASGIConnection
    from litestar.handlers.base import BaseRouteHandler

    from core.tables import Member

__all__ = [
    "ConsentRequired",
    "LoginRequired",
    "current_member",
    "needed_purposes",
    "opt_guard",
    "require_member",
]


class LoginRequired(NotAuthorizedException):
    """The page needs a logged-in member (HTML: redirect to /login)."""


class ConsentRequired(HTTPException):
    """The member has not granted the purpose this page processes data for."""

    status_code = 403

    def __init__(self, purpose: str) -> None:
        super().__init__(detail=f"This page needs your consent to: {purpose}")
        self.purpose = purpose


def current_member(request: Request[Any, Any, Any]) -> Member:
    """The logged-in member; raises :class:`LoginRequired` otherwise."""
    member: Member | None = request.scope["state"].get("member")
    if member is None:
        raise LoginRequired()
    return member


async def require_member(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Route guard: only logged-in members (visitors are sent to the login page)."""
    if connection.scope["state"].get("member") is None:
        raise LoginRequired()


def needed_purposes(app: Litestar, enabled: frozenset[str]) -> frozenset[str]:
    """Consent purposes that some route of core or of an enabled plugin requires (``opt={"consent": …}``).

    What a sign-up form may badge "needed for …": a purpose no enabled
    feature requires (partner studies, say) is optional, whatever it is about.
    """
    table: dict[str, set[str | None]] | None = getattr(app.state, "consent_routes", None)
    if table is None:
        table = {}
        for route in app.routes:
            for handler in getattr(route, "route_handlers", ()):
                if purpose := handler.opt.get("consent"):
                    table.setdefault(purpose, set()).add(handler.opt.get("plugin"))
        app.state.consent_routes = table
    return frozenset(p for p, owners in table.items() if any(o is None or o in enabled for o in owners))


async def opt_guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Enforce integer bounds and the route's ``plugin``, ``login``, ``consent`` and ``permission`` options.

    A route of a plugin not enabled on this edition does not exist there: 404,
    checked first. A route needing a permission the viewer lacks also
    answers 404 (deny by default, and do not reveal that an admin page exists).
    """
    check_int_params(connection, handler)
    opt = handler.opt
    state = connection.scope["state"]
    slug = opt.get("plugin")
    if slug and slug not in state.get("enabled", frozenset()):
        raise FeatureNotOffered(slug)
    if slug and slug in runtime_of(connection.scope).sponsored:
        from core.sponsorship.gate import sponsored_gate

        await sponsored_gate(connection, slug, opt)
    needs_login = opt.get("login") or opt.get("consent") or opt.get("permission")
    if needs_login and state.get("member") is None:
        raise LoginRequired()
    permission = opt.get("permission")
    if permission:
        runtime = runtime_of(connection.scope)
        if not await runtime.allowed(state["member"], permission, enabled=state.get("enabled")):
            raise NotFoundException()
    purpose = opt.get("consent")
    if purpose:
        consent = await consent_of(connection)  # type: ignore[arg-type]
        if not consent.has(purpose):
            raise ConsentRequired(purpose)
