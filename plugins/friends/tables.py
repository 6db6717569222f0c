"""Friends tables: friendships (one row per direction), pending requests, blocks.

Keys are unique text columns (``"<a>:<b>"``) because Piccolo declares no
composite unique constraints; they make duplicates impossible even when two
requests race.
"""

from __future__ import annotations

from piccolo.columns import Serial, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Block", "FriendRequest", "Friendship"]


class Friendship(Table, tablename="friends_friendship"):
    """``member`` counts ``friend`` as a friend; the reverse row always exists too.

    Two rows per friendship make "friends of X" one index range scan, which
    matching, walls and groups ask for on every page.
    """

    id = Serial(primary_key=True)
    member = member_foreign_key()
    friend = member_foreign_key()
    pair_key = Varchar(length=24, unique=True)
    site = Varchar(length=8)
    created_at = Timestamptz()


class FriendRequest(Table, tablename="friends_request"):
    """A pending request; accepted, declined or cancelled requests are deleted.

    ``pair_key`` is ``"<lower id>:<higher id>"``: one pending request per pair,
    whoever sent it.
    """

    id = Serial(primary_key=True)
    sender = member_foreign_key()
    recipient = member_foreign_key()
    pair_key = Varchar(length=24, unique=True)
    site = Varchar(length=8)
    created_at = Timestamptz()


class Block(Table, tablename="friends_block"):
    """``blocker`` blocked ``blocked``: both are hidden from each other everywhere."""

    id = Serial(primary_key=True)
    blocker = member_foreign_key()
    blocked = member_foreign_key()
    block_key = Varchar(length=24, unique=True)
    site = Varchar(length=8)
    created_at = Timestamptz()
