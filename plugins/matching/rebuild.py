"""``entraide matching-rebuild``: empty the index, then ask for every profile again.

The index only holds what profile announcements brought. Rebuilding clears
it and runs the profile feature's announcement of every member
(``entraide profile-reindex``) through the same event path as live changes,
so the rules (findable, health consent, public items only) apply unchanged.
"""

from __future__ import annotations

import argparse

from core.api import CliCommand, run_with_app
from plugins.matching.tables import Entry

__all__ = ["COMMAND"]


def _setup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", help="only this edition (code, e.g. fr)")


async def _clear(site: str | None) -> int:
    if site:
        before = await Entry.count().where(Entry.site == site)
        await Entry.delete().where(Entry.site == site)
    else:
        before = await Entry.count()
        await Entry.delete(force=True)
    return int(before)


def _run(args: argparse.Namespace) -> int:
    removed = run_with_app(lambda: _clear(args.site))
    print(f"matching: index cleared ({removed} rows); run `entraide profile-reindex` to fill it again")
    return 0


COMMAND = CliCommand(name="matching-rebuild", help="clear the members-like-me index", setup=_setup, run=_run)
