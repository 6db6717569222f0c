"""The feed's composite indexes (Piccolo declares single-column indexes only).

Written by hand: a raw step runs before a migration's table changes, so the
indexes get their own migration after the tables exist. See plugins/wall/feed.py.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T19:51:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Feed indexes: posts by author, by group, by edition and audience, each with id"

INDEXES = (
    ("wall_post_author_group_id", "wall_post (author, group_id, id)"),
    ("wall_post_group_id_id", "wall_post (group_id, id)"),
    ("wall_post_site_audience_id", "wall_post (site, audience, id)"),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="wall", description=DESCRIPTION)

    async def create_indexes():
        engine = engine_finder()
        for name, target in INDEXES:
            await engine.run_ddl(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")

    async def drop_indexes():
        engine = engine_finder()
        for name, _ in INDEXES:
            await engine.run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
