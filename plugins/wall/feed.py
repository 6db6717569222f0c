"""The feed query: newest posts of my friends, my groups and mine, by keyset.

A scan of every post ordered by id would slow down as the wall grows. Each
source instead reads its own newest ids through a covering index — a
friend's posts through ``(author, group_id, id, site, hidden)`` with
``group_id IS NULL``, a group's through ``(group_id, id, site, hidden,
author)`` — a few ids per source below the cursor, from the index alone (no
table read); then the page's rows are read by id. The cost grows with the
number of sources (friends and groups), not with the number of posts.

Reading a whole page from each of 220 sources would read 4,600 index entries
for 21 posts. So a first pass reads ``PROBE`` ids per source; the page's
last id among them (the threshold) bounds the answer from below, and only
sources whose ``PROBE``-th id is still above it can hold more of the page: a
second pass reads a full page from those few. Sources are split into chunks
(SQLite caps compound selects at 500 terms).

The cursor is the id of the last post shown (``before``): stable while new
posts arrive, unlike an offset. A cursor above any possible id (a hand-edited
URL) reads as the first page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from plugins.wall.tables import Post

__all__ = ["COLUMNS", "PAGE_SIZE", "edition_page", "feed_page", "member_page"]

PAGE_SIZE = 20
CHUNK = 200
PROBE = 3  # ids per source in the first pass
COLUMNS = (
    "id, author, site, audience, group_id, group_name, body, created_at, edited_at, hidden, "
    "like_count, comment_count, photo_count"
)
MAX_ID = 2**31 - 1  # ids are 32-bit serials: PostgreSQL refuses a larger bound parameter


def _arm(column: str, null_group: bool, index: int, excluded: int = 0) -> str:
    """One source's newest ids below the cursor: an index-only range read of at most LIMIT entries.

    Rows are ``(id, src)`` where ``src`` is ``index`` (an int literal), the source's position.

    Placeholders, in order: source id, site, cursor, hidden flag, ``excluded`` author ids, limit.
    The cursor is passed as the largest id wanted (``id <= before - 1``, see :func:`_last_id`).
    """
    extra = " AND group_id IS NULL" if null_group else ""
    if excluded:
        extra += f" AND author NOT IN ({', '.join(['{}'] * excluded)})"
    # Column names are constants; every value is a bound parameter.
    return (
        f"SELECT * FROM (SELECT id, {int(index)} AS src FROM wall_post WHERE {column} = {{}} AND site = {{}}"  # noqa: S608
        f" AND id <= {{}} AND hidden = {{}}{extra} ORDER BY id DESC LIMIT {{}}) AS s{index}"
    )


async def _read(
    sources: Sequence[tuple[str, int]], site: str, last_id: int, per_source: int, excluded: Sequence[int]
) -> dict[int, list[int]]:
    """The newest ``per_source`` ids of each source: position in ``sources`` → ids, newest first."""
    found: dict[int, list[int]] = {}
    for start in range(0, len(sources), CHUNK):
        arms: list[str] = []
        args: list[Any] = []
        for index, (kind, ident) in enumerate(sources[start : start + CHUNK], start):
            if kind == "author":
                arms.append(_arm("author", True, index))
                args.extend([ident, site, last_id, False, per_source])
            else:
                arms.append(_arm("group_id", False, index, len(excluded)))
                args.extend([ident, site, last_id, False, *excluded, per_source])
        for row in await Post.raw(" UNION ALL ".join(arms), *args):
            found.setdefault(int(row["src"]), []).append(int(row["id"]))
    for ids in found.values():
        ids.sort(reverse=True)
    return found


async def feed_page(
    authors: Iterable[int],
    groups: Iterable[int],
    *,
    site: str,
    before: int | None = None,
    limit: int = PAGE_SIZE,
    exclude_authors: Iterable[int] = (),
) -> list[dict[str, Any]]:
    """Up to ``limit + 1`` newest posts (the extra row says there is a next page).

    Args:
        authors: Members whose own posts (friends and members audiences) I see:
            my friends and me.
        groups: Groups whose posts I may read (my memberships).
        site: The edition: posts of other editions never show.
        before: Only posts with a smaller id (the cursor), or None for the newest.
        limit: Page size.
        exclude_authors: Members blocked either way: none of their posts show.
    """
    excluded = sorted(set(exclude_authors))
    sources = [("author", a) for a in sorted(set(authors) - set(excluded))]
    sources += [("group", g) for g in sorted(set(groups))]
    last_id, want = _last_id(before), limit + 1
    per_source = min(PROBE, want)
    probe = await _read(sources, site, last_id, per_source, excluded)
    found = {i for ids in probe.values() for i in ids}
    if per_source < want:
        ranked = sorted(found, reverse=True)
        threshold = ranked[want - 1] if len(ranked) >= want else 0  # the page holds no id below it
        deeper = [sources[k] for k, ids in probe.items() if len(ids) == per_source and ids[-1] > threshold]
        if deeper:
            found |= {i for ids in (await _read(deeper, site, last_id, want, excluded)).values() for i in ids}
    ids = sorted(found, reverse=True)[:want]
    if not ids:
        return []
    rows = await Post.select(*_columns()).where(Post.id.is_in(ids)).order_by(Post.id, ascending=False)
    return list(rows)


async def edition_page(
    site: str, *, before: int | None = None, limit: int = PAGE_SIZE, exclude_authors: Iterable[int] = ()
) -> list[dict[str, Any]]:
    """Posts shared with every member of the edition, newest first (index ``(site, audience, id)``)."""
    excluded = sorted(set(exclude_authors))
    query = Post.select(*_columns()).where(
        (Post.site == site) & (Post.audience == "members") & (Post.hidden == False)  # noqa: E712
    )
    if before is not None:
        query = query.where(Post.id <= _last_id(before))
    if excluded:
        query = query.where(Post.author.not_in(excluded))
    return list(await query.order_by(Post.id, ascending=False).limit(limit + 1))


async def member_page(
    author: int,
    audiences: Sequence[str],
    *,
    site: str,
    before: int | None = None,
    limit: int = PAGE_SIZE,
    include_hidden: bool = False,
) -> list[dict[str, Any]]:
    """One member's own posts (not those in groups) in the given audiences, newest first.

    ``include_hidden`` is for the author: their posts hidden by moderation stay visible to them.
    """
    query = Post.select(*_columns()).where(
        (Post.author == author) & Post.group_id.is_null() & (Post.site == site) & Post.audience.is_in(list(audiences))
    )
    if not include_hidden:
        query = query.where(Post.hidden == False)  # noqa: E712
    if before is not None:
        query = query.where(Post.id <= _last_id(before))
    return list(await query.order_by(Post.id, ascending=False).limit(limit + 1))


def _last_id(before: int | None) -> int:
    """The largest id a page may show, within 32 bits whatever the URL said."""
    if before is None or before > MAX_ID:
        return MAX_ID
    return max(before, 0) - 1


def _columns() -> list[Any]:
    return [getattr(Post, name.strip()) for name in COLUMNS.split(",")]
