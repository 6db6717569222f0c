"""Identity and permission hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.hooks import hookspec

if TYPE_CHECKING:
    from core.permissions import Permission
    from core.tables import Member

__all__ = ["register_permissions", "resolve_permission"]


@hookspec
def register_permissions() -> list[Permission]:
    """Declare the permissions a plugin checks, with the roles granted them.

    Policy: collect, strict.
    When: once, at start-up.

    Returns:
        Permission declarations, named ``<slug>.<verb>``.
    """


@hookspec(firstresult=True)
def resolve_permission(member: Member | None, permission: str, obj: Any) -> bool | None:
    """Decide a permission for one object (e.g. "is this my post?").

    Policy: first, strict. Implementations must be synchronous.
    When: whenever code calls ``core.permissions.allowed``; role grants
    declared by ``register_permissions`` are the fallback.

    Args:
        member: The viewer, or None when anonymous.
        permission: Permission name.
        obj: The object concerned, or None.

    Returns:
        True or False to decide, None to abstain.
    """
