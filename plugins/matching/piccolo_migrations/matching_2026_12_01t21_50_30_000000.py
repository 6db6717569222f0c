"""Composite indexes of the matching index: members like me, and community counts."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-01T21:50:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes (matching_entry: site, key, member, weight) and (site, code, member)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="matching", description=DESCRIPTION)

    async def create_indexes():
        engine = engine_finder()
        await engine.run_ddl(
            "CREATE INDEX IF NOT EXISTS matching_entry_overlap ON matching_entry (site, key, member, weight)"
        )
        await engine.run_ddl("CREATE INDEX IF NOT EXISTS matching_entry_counts ON matching_entry (site, code, member)")

    async def drop_indexes():
        engine = engine_finder()
        await engine.run_ddl("DROP INDEX IF EXISTS matching_entry_overlap")
        await engine.run_ddl("DROP INDEX IF EXISTS matching_entry_counts")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
