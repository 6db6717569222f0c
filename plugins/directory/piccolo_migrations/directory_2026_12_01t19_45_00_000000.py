"""Composite index for searches near a place: edition, then a latitude/longitude box."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-01T19:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "index (directory_listing: site, lat, lon)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="directory", description=DESCRIPTION)

    async def create_index():
        await engine_finder().run_ddl("CREATE INDEX IF NOT EXISTS directory_listing_geo ON directory_listing (site, lat, lon)")

    async def drop_index():
        await engine_finder().run_ddl("DROP INDEX IF EXISTS directory_listing_geo")

    manager.add_raw(create_index)
    manager.add_raw_backwards(drop_index)
    return manager
