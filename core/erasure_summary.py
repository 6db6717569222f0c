"""What ``/me/delete`` tells a member it will erase, from what plugins declare.

Each plugin lists the member-data categories it stores in
``META.data_categories`` (the same list the privacy contract checks). The
delete page shows, per feature enabled on the edition, those categories in
words, so the promise matches what erasure really covers. Known categories
have translated labels here; an unknown one is shown from its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.i18n import N_

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["CATEGORY_LABELS", "erasure_summary"]

CATEGORY_LABELS: dict[str, str] = {
    "health_records": N_("health records"),
    "questionnaire_answers": N_("questionnaire answers"),
    "tracker_settings": N_("settings of your trackers"),
    "friendships": N_("friendships"),
    "friend_requests": N_("friend requests"),
    "blocks": N_("blocked members"),
    "private_messages": N_("private messages"),
    "message_reports": N_("reports about messages"),
    "notifications": N_("notifications"),
    "notification_preferences": N_("notification preferences"),
    "ads": N_("classified ads"),
    "ad_photos": N_("photos of your ads"),
    "ad_reports": N_("reports about ads"),
    "ad_contacts": N_("contact requests about ads"),
    "listing_claims": N_("directory listing claims"),
    "correction_suggestions": N_("suggested corrections"),
    "profile": N_("health profile"),
    "posts": N_("posts and comments"),
    "photos": N_("photos"),
    "group_memberships": N_("group memberships"),
}


def erasure_summary(rt: Runtime, enabled: frozenset[str], gettext: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """``(feature name, [category labels])`` for every enabled plugin that stores member data."""
    rows = []
    for slug in sorted(enabled):
        meta = rt.registry.metas.get(slug)
        if meta is None or not meta.data_categories:
            continue
        labels = [
            gettext(CATEGORY_LABELS[c]) if c in CATEGORY_LABELS else c.replace("_", " ") for c in meta.data_categories
        ]
        rows.append((gettext(meta.name), labels))
    return sorted(rows, key=lambda row: row[0].casefold())
