"""Roles and permissions.

Roles are fixed (member, pro, moderator, partner, operator); permissions are
declared by core and plugins with the roles that hold them, and a site hook
(``resolve_permission``) may decide per object first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.members import MemberView

__all__ = ["CORE_PERMISSIONS", "ROLES", "Permission", "role_allows"]

ROLES = ("member", "pro", "moderator", "partner", "operator")


@dataclass(frozen=True)
class Permission:
    """A named capability and the roles that hold it by default."""

    name: str
    roles: tuple[str, ...]
    description: str = ""


CORE_PERMISSIONS = (
    Permission("core.admin", ("operator",), "Use the operator console"),
    Permission("core.manage_plugins", ("operator",), "Enable or disable plugins per edition"),
    Permission("core.verify_pros", ("operator",), "Verify health professionals"),
    Permission("core.moderate", ("moderator", "operator"), "Moderate member content"),
    Permission("core.partner", ("partner",), "Use the partner space (own campaigns' counts, studies)"),
    Permission("core.manage_campaigns", ("operator",), "Run sponsored plugins' campaigns per edition"),
    Permission("core.sponsored_reserved", (), "See a sponsor's reserved content (decided per programme member)"),
)


def role_allows(permissions: dict[str, Permission], member: MemberView | None, name: str, obj: Any = None) -> bool:
    """Default decision from roles: deny unknown permissions and anonymous viewers.

    An unverified health professional holds only the ``member`` role.
    """
    if member is None:
        return False
    permission = permissions.get(name)
    if permission is None:
        return False
    return any(member.has_role(role) for role in permission.roles)
