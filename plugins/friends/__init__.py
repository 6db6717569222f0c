"""Friends: requests, friendships and blocks between members of one edition.

Other plugins never import this package. They ask through the kernel:
``core.api.allowed(request, "friends.is_friend", other_id)``,
``allowed(request, "friends.blocked", other_id)`` (either side blocked the
other: hide both ways), ``healthbox.view_shared_chart`` (a friend of the
chart's owner), and ``core.api.related(request, "friends.friends" |
"friends.blocked" | "friends.pending", member_id)``. Changes are announced
as events (``friends.request.sent``, ``friends.request.accepted``,
``friends.friendship.removed``, ``friends.block.added``) carrying
``notify`` entries for the notifications plugin.

Hooks implemented: register_routes, register_permissions,
resolve_permission, resolve_related, provide_nav_items, provide_fragments
(``home.aside``, ``me.privacy``, ``profile.actions``), provide_assets,
handle_event (``core.member.erased``), export_personal_data,
erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.friends.meta import META

__all__ = ["META"]
