"""Wall tables: posts and their edit history, photos, comments, likes, reports.

``wall_post`` carries composite indexes created by migrations (Piccolo
declares single-column indexes only): ``(author, group_id, id, site, hidden)``
and ``(group_id, id, site, hidden, author)``. The feed reads each friend's and
each group's newest post ids from them alone (covering: no row read), a few
entries per index seek, then merges by id (see :mod:`plugins.wall.feed`).
"""

from __future__ import annotations

from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Serial, SmallInt, Text, Timestamptz, Varchar
from piccolo.table import Table

from core.api import member_foreign_key

__all__ = ["Comment", "CommentVersion", "Like", "Photo", "Post", "PostVersion", "Report"]


class Post(Table, tablename="wall_post"):
    """A status: Markdown text, an audience, up to four photos.

    ``audience`` is ``friends``, ``members`` (every member of the edition) or
    ``group`` (``group_id`` set: readable by whoever may read that group).
    ``group_name`` is the group's name when posted, shown beside the post.
    """

    id = Serial(primary_key=True)
    author = member_foreign_key()
    site = Varchar(length=8)
    audience = Varchar(length=8)
    group_id = Integer(null=True, default=None)
    group_name = Varchar(length=120, default="")
    body = Text()
    created_at = Timestamptz()
    edited_at = Timestamptz(null=True, default=None)
    hidden = Boolean(default=False)
    like_count = Integer(default=0)
    comment_count = Integer(default=0)
    photo_count = SmallInt(default=0)


class PostVersion(Table, tablename="wall_post_version"):
    """The text a post had before an edit (history shown to its readers)."""

    id = Serial(primary_key=True)
    post = ForeignKey(references=Post, on_delete=OnDelete.cascade, index=True)
    body = Text()
    written_at = Timestamptz()


class Photo(Table, tablename="wall_photo"):
    """One re-encoded photo of a post; files live in the wall's media folder."""

    id = Serial(primary_key=True)
    post = ForeignKey(references=Post, on_delete=OnDelete.cascade, index=True)
    position = SmallInt(default=0)
    name = Varchar(length=48)
    thumb = Varchar(length=48)
    width = Integer()
    height = Integer()
    alt = Varchar(length=300, default="")


class Comment(Table, tablename="wall_comment"):
    """A comment under a post (Markdown)."""

    id = Serial(primary_key=True)
    post = ForeignKey(references=Post, on_delete=OnDelete.cascade, index=True)
    author = member_foreign_key()
    body = Text()
    created_at = Timestamptz()
    edited_at = Timestamptz(null=True, default=None)
    hidden = Boolean(default=False)


class CommentVersion(Table, tablename="wall_comment_version"):
    """The text a comment had before an edit."""

    id = Serial(primary_key=True)
    comment = ForeignKey(references=Comment, on_delete=OnDelete.cascade, index=True)
    body = Text()
    written_at = Timestamptz()


class Like(Table, tablename="wall_like"):
    """A member likes a post (one row per member and post)."""

    id = Serial(primary_key=True)
    post = ForeignKey(references=Post, on_delete=OnDelete.cascade, index=True)
    member = member_foreign_key()
    like_key = Varchar(length=40, unique=True)
    created_at = Timestamptz()


class Report(Table, tablename="wall_report"):
    """A member reports a post or a comment; moderators review open reports.

    ``status``: ``open``, then ``hidden`` (the content was hidden),
    ``restored`` or ``dismissed`` when a moderator decided.
    """

    id = Serial(primary_key=True)
    reporter = member_foreign_key()
    site = Varchar(length=8)
    post = ForeignKey(references=Post, on_delete=OnDelete.cascade, null=True, default=None, index=True)
    comment = ForeignKey(references=Comment, on_delete=OnDelete.cascade, null=True, default=None, index=True)
    reason = Varchar(length=24)
    note = Varchar(length=500, default="")
    status = Varchar(length=12, default="open")
    report_key = Varchar(length=48, unique=True)
    created_at = Timestamptz()
    decided_at = Timestamptz(null=True, default=None)
