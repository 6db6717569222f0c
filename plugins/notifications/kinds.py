"""Kinds of notifications members can choose about, with their labels.

Kinds are ``<slug>.<what>``, chosen by the emitting plugin. The ones bundled
plugins send are listed here so the preferences page can name them; a kind
not listed still works and shows under its plugin's name.
"""

from __future__ import annotations

import re

from core.api import N_

__all__ = ["KIND_PATTERN", "KNOWN_KINDS", "label_of", "slug_of"]

KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}\.[a-z0-9_.]{1,32}$")

KNOWN_KINDS: dict[str, str] = {
    "friends.request": N_("Friend requests"),
    "friends.accepted": N_("Accepted friend requests"),
    "wall.comment": N_("Comments on my posts"),
    "wall.like": N_("Likes on my posts"),
    "wall.mention": N_("Mentions of me on the wall"),
    "wall.warning": N_("Moderators' warnings about my posts"),
    "groups.reply": N_("Replies in discussions I follow"),
    "groups.mention": N_("Mentions of me in groups"),
    "groups.quote": N_("Quotes of my replies in groups"),
    "groups.accepted": N_("Acceptance in a group"),
    "groups.join_request": N_("Requests to join groups I moderate"),
    "groups.warning": N_("Moderators' warnings in groups"),
    "messages.conversation": N_("New conversations"),
    "classifieds.contact": N_("Replies to my classified ads"),
}


def slug_of(kind: str) -> str:
    """The plugin a kind belongs to (``wall.comment`` → ``wall``)."""
    return kind.split(".", 1)[0]


def label_of(kind: str) -> str:
    """The msgid naming a kind (translate it), or the kind itself when unknown."""
    return KNOWN_KINDS.get(kind, kind)
