"""Identity and permission hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.hooks import hookspec

if TYPE_CHECKING:
    from core.members import MemberView
    from core.permissions import Permission

__all__ = ["register_permissions", "resolve_permission", "resolve_related"]


@hookspec
def register_permissions() -> list[Permission]:
    """Declare the permissions a plugin checks, with the roles granted them.

    Policy: collect, strict.
    When: once, at start-up.

    Returns:
        Permission declarations, named ``<slug>.<verb>``.

    Example:
        @hookimpl
        def register_permissions():
            from core.api import Permission

            return [Permission("hydration.moderate", ("moderator", "operator"), "Hide abusive hydration tips")]
    """


@hookspec(firstresult=True)
def resolve_permission(member: MemberView | None, permission: str, obj: Any) -> bool | None:
    """Decide a permission for one object (e.g. "is this my post?").

    Policy: first, strict. Implementations may be async (core awaits them).
    When: whenever code calls ``core.api.allowed``, for plugins enabled on
    the request's edition (sponsored plugins are never asked); the roles
    declared by ``register_permissions`` are the fallback when every
    implementation returns None.

    Args:
        member: The member asked about (a read-only view), or None when anonymous.
        permission: Permission name, e.g. ``"friends.is_friend"``.
        obj: The object concerned (an id, a duck-typed object), or None.

    Returns:
        True or False to decide, None to abstain (answer only your own
        permissions, or ones the owning plugin documents as open).

    Example:
        @hookimpl
        async def resolve_permission(member, permission, obj):
            if permission == "friends.is_friend" and member is not None:
                return await services.are_friends(member.id, int(obj))
            return None
    """


@hookspec(firstresult=True)
def resolve_related(relation: str, member_id: int, site: str) -> list[Any] | None:
    """Answer a question about a member's relations (friends, groups, ...).

    Policy: first, strict. Implementations may be async (core awaits them).
    When: whenever code calls ``core.api.related``, for plugins enabled on
    the edition (sponsored plugins are never asked).

    Args:
        relation: ``<slug>.<relation>``, e.g. ``"friends.friends"``; answer
            only relations named after your own slug.
        member_id: Whose relations.
        site: Code of the edition asking.

    Returns:
        A list (usually member or object ids) to answer, None to abstain;
        ``core.api.related`` returns ``[]`` when nobody answers.

    Example:
        @hookimpl
        async def resolve_related(relation, member_id, site):
            if relation == "friends.friends":
                return await services.friend_ids(member_id)
            return None
    """
