"""``entraide profile-reindex``: announce every profile again (rebuilds other plugins' indexes).

Useful after enabling a plugin that indexes profiles (matching) on an
edition that already has members, or after restoring a backup.
"""

from __future__ import annotations

import argparse

from core.api import CliCommand, get_members, run_with_app
from plugins.profile import services
from plugins.profile.announce import announce

__all__ = ["COMMAND", "reindex"]


async def reindex(site: str | None = None) -> int:
    """Emit ``profile.conditions.changed`` for every member with conditions or symptoms."""
    ids = await services.members_with_items()
    views = await get_members(ids)
    count = 0
    for member_id in ids:
        view = views.get(member_id)
        if view is None or (site and view.site != site):
            continue
        await announce(view.site, member_id)
        count += 1
    return count


def _setup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", help="only members of this edition (code, e.g. fr)")


def _run(args: argparse.Namespace) -> int:
    count = run_with_app(lambda: reindex(args.site))
    print(f"profile: announced {count} profiles")
    return 0


COMMAND = CliCommand(name="profile-reindex", help="announce every health profile again", setup=_setup, run=_run)
