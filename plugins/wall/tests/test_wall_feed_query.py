"""The feed query: keyset pages equal a brute-force reading, across chunks of sources."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from core.testing import make_member, run_async
from plugins.wall import feed
from plugins.wall.tables import Post


def _brute(rows, authors, groups, excluded, site):
    keep = [
        r
        for r in rows
        if r["site"] == site
        and not r["hidden"]
        and r["author"] not in excluded
        and ((r["group_id"] is None and r["author"] in authors) or r["group_id"] in groups)
    ]
    return sorted((r["id"] for r in keep), reverse=True)


@pytest.mark.parametrize(("chunk", "probe"), [(2, 1), (200, 3), (200, 50)])
def test_keyset_pages_match_a_brute_force_reading(make_app, monkeypatch, chunk, probe):
    """Chunks of sources, and the two passes (probe, then deeper sources) or one (probe ≥ page)."""
    monkeypatch.setattr(feed, "CHUNK", chunk)
    monkeypatch.setattr(feed, "PROBE", probe)
    app = make_app(plugins=["wall"])
    members = [make_member(app, email=f"m{i}@example.org", pseudonym=f"Member{i}") for i in range(6)]
    rng = random.Random(7)
    now = datetime.now(UTC)
    batch = []
    for _ in range(300):
        group = rng.choice([None, None, 1, 2, 3])
        batch.append(
            Post(
                author=rng.choice(members),
                site=rng.choice(["fr", "fr", "fr", "uk"]),
                audience="group" if group else rng.choice(["friends", "members"]),
                group_id=group,
                body="x",
                created_at=now,
                hidden=rng.random() < 0.05,
            )
        )
    run_async(app, Post.insert(*batch))
    rows = run_async(app, Post.select())
    authors, groups, excluded = set(members[:4]), {1, 3}, {members[3]}
    expected = _brute(rows, authors, groups, excluded, "fr")
    seen, cursor = [], None
    while True:
        query = feed.feed_page(authors, groups, site="fr", before=cursor, limit=7, exclude_authors=excluded)
        page = run_async(app, query)
        seen.extend(r["id"] for r in page[:7])
        if len(page) <= 7:
            break
        cursor = page[6]["id"]
    assert seen == expected and len(expected) > 50
    # A cursor beyond any 32-bit id is the first page; zero or below is past the end (PostgreSQL too).
    first = run_async(app, feed.feed_page(authors, groups, site="fr", limit=7, exclude_authors=excluded))
    huge = run_async(app, feed.feed_page(authors, groups, site="fr", before=2**40, limit=7, exclude_authors=excluded))
    assert [r["id"] for r in huge] == [r["id"] for r in first] == expected[:8]
    assert run_async(app, feed.feed_page(authors, groups, site="fr", before=-(2**40), limit=7)) == []
    assert len(run_async(app, feed.edition_page("fr", before=2**40))) > 0
    assert run_async(app, feed.member_page(members[0], ["friends"], site="fr", before=-(2**40))) == []


def test_the_feed_query_reads_indexes_not_the_whole_table(make_app):
    """SQLite's plan: every source is an index-only search on wall_post (no full scan, no row read)."""
    app = make_app(plugins=["wall"])
    if not app.state.entraide.settings.database_url.startswith("sqlite"):
        pytest.skip("query plan checked on SQLite; PostgreSQL plans depend on table statistics")
    sql = " UNION ALL ".join(
        [
            feed._arm("author", True, 0),
            feed._arm("group_id", False, 1, excluded=2),
        ]
    )
    plan = run_async(app, Post.raw("EXPLAIN QUERY PLAN " + sql, 1, "fr", 99, False, 5, 1, "fr", 99, False, 7, 8, 5))
    details = [row["detail"] for row in plan]
    assert any("COVERING INDEX wall_post_feed_author" in d for d in details), details
    assert any("COVERING INDEX wall_post_feed_group" in d for d in details), details
    assert not any(d.startswith("SCAN wall_post") for d in details), details
