"""What ``/me/delete`` tells a member it will erase, from what plugins declare.

Each plugin lists the member-data categories it stores in
``META.data_categories`` (the same list the privacy contract checks). The
delete page shows, per feature enabled on the edition, those categories in
words, so the promise matches what erasure really covers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.i18n import N_

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["CATEGORY_LABELS", "category_label", "erasure_summary"]

CATEGORY_LABELS: dict[str, str] = {
    "health_records": N_("health records"),
    "questionnaire_answers": N_("questionnaire answers"),
    "tracker_settings": N_("settings of your trackers"),
    "health_profile": N_("health profile"),
    "bio": N_("presentation text"),
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
    "posts": N_("posts"),
    "comments": N_("comments"),
    "likes": N_("likes"),
    "photos": N_("photos"),
    "reports": N_("reports you made"),
    "group_memberships": N_("group memberships"),
    "group_messages": N_("group messages"),
    "matching_index": N_("what suggestions of similar members use"),
    "cognitive_results": N_("cognitive exercise results"),
    "checkin_context": N_("check-in context"),
    "memoactiv_settings": N_("exercise settings"),
    "study_participation": N_("studies you joined and what they counted"),
}


def category_label(category: str, gettext: Callable[[str], str]) -> str:
    """A data category in the member's language.

    Core knows the categories of the plugins shipped with Entraide; another
    plugin may translate its own category in its catalog under the
    category's name with spaces (``"garden_plots"`` -> msgid ``"garden plots"``).
    """
    return gettext(CATEGORY_LABELS.get(category, category.replace("_", " ")))


def erasure_summary(rt: Runtime, enabled: frozenset[str], gettext: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """``(feature name, [category labels])`` for every enabled plugin that stores member data."""
    rows = []
    for slug in sorted(enabled):
        meta = rt.registry.metas.get(slug)
        if meta is None or not meta.data_categories:
            continue
        labels = [category_label(c, gettext) for c in meta.data_categories]
        rows.append((gettext(meta.name), labels))
    return sorted(rows, key=lambda row: row[0].casefold())
