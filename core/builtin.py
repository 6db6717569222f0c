"""Core's own contributions, made through the public hooks like any plugin's.

As pytest registers its built-in features as plugins, core registers this
module under the name ``core``: its permissions, consent purposes and
navigation entries are collected, ordered and rendered exactly like a
plugin's. It is enabled on every edition and cannot be disabled.

Hooks implemented: register_permissions, register_consent_purposes,
provide_nav_items, resolve_permission (``core.sponsored_reserved``: the
member joined the sponsor's programme on this edition).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.consent import CORE_PURPOSES, Purpose
from core.hookcache import edition_cached
from core.hooks import hookimpl
from core.permissions import CORE_PERMISSIONS, Permission
from core.ui import NavItem, PageContext

if TYPE_CHECKING:
    from core.members import MemberView

__all__ = [
    "NAV_ORDER",
    "SLUG",
    "provide_nav_items",
    "register_consent_purposes",
    "register_permissions",
    "resolve_permission",
]

SLUG = "core"

#: Core's navigation entries sit at the end (orders 900-999 are reserved for core).
NAV_ORDER = {"core.admin": 900, "core.partners": 910, "core.me": 950, "core.login": 960, "core.signup": 970}


@hookimpl
def register_permissions() -> list[Permission]:
    return list(CORE_PERMISSIONS)


@hookimpl
def register_consent_purposes() -> list[Purpose]:
    from core.sponsorship.purpose import SPONSORED_PERSONALISED

    return [*CORE_PURPOSES, SPONSORED_PERSONALISED]


@hookimpl
@edition_cached(visitors_only=True)
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    from core.i18n import load_translations
    from core.render import runtime

    rt = runtime(ctx.request)
    _ = load_translations(ctx.locale, rt.templates.locale_dirs).gettext
    if ctx.member is None:
        return [
            NavItem(_("Log in"), "/login", order=NAV_ORDER["core.login"], name="core.login"),
            NavItem(_("Join"), "/signup", order=NAV_ORDER["core.signup"], name="core.signup"),
        ]
    items = [NavItem(ctx.member.pseudonym, "/me", order=NAV_ORDER["core.me"], members_only=True, name="core.me")]
    if rt.role_allowed(ctx.member, "core.admin"):
        label = _("Operator console")
        items.append(NavItem(label, "/admin/", order=NAV_ORDER["core.admin"], members_only=True, name="core.admin"))
    if ctx.member.has_role("partner"):
        label = _("Partner space")
        order = NAV_ORDER["core.partners"]
        items.append(NavItem(label, "/partners/", order=order, members_only=True, name="core.partners"))
    return items


@hookimpl
async def resolve_permission(member: MemberView | None, permission: str, obj: Any) -> bool | None:
    """Reserved sponsored content (obj: ``"<edition>:<plugin>"``): the member joined that programme there."""
    if permission != "core.sponsored_reserved":
        return None
    if member is None:
        return False
    from core.sponsorship.programmes import is_member

    site, _, plugin = str(obj).partition(":")
    return await is_member(member.id, site, plugin)
