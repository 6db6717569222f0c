"""Wall: members' statuses with photos, comments, likes and reports.

Posts are written in a small Markdown subset (``core.api.render_markdown``),
carry up to four photos re-encoded by ``core.api.process_image``, and go to
an audience: the author's friends, the members of a group, or every member
of the edition. The feed merges my friends', my groups' and my own posts by
keyset. Friendship, blocks and group membership come from other plugins
through ``core.api.allowed``/``related``; without them, friends-only and
group posts stay with their author.

Hooks implemented: register_routes, provide_nav_items, provide_assets,
provide_fragments (``home.main``, ``me.privacy``), export_personal_data,
erase_personal_data, seed_demo_data.
"""

from __future__ import annotations

from plugins.wall.meta import META

__all__ = ["META"]
