"""The application factory: ``create_app(settings)``.

No import-time globals: each call discovers plugins, builds a fresh pluggy
manager, binds tables to an engine and returns an independent Litestar app.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from litestar import Litestar, Router
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.htmx import HTMXPlugin
from litestar.static_files import create_static_files_router
from piccolo.engine.postgres import PostgresEngine

from core import __version__
from core.admin.campaigns import router as campaigns_router
from core.admin.routes import router as admin_router
from core.assets import check_assets, plugin_static_routers
from core.context import set_default
from core.db import DurableSQLiteEngine, bind_tables, make_engine
from core.error_pages import http_error, server_error
from core.files import private_dir
from core.gate import TrustedProxies, edition_gate
from core.identity.account import router as account_router
from core.identity.routes import router as identity_router
from core.identity.settings_routes import router as settings_router
from core.legal import router as legal_router
from core.live import live
from core.pg_schemas import search_path
from core.pipeline import pipeline
from core.plugins_registry import PluginRegistry, discover
from core.pubsub import RedisBroker
from core.redact import install_log_redaction
from core.request_class import EntraideRequest
from core.runtime import Runtime
from core.settings import Settings, load_settings
from core.sites import sites_for
from core.sponsorship.routes import router as partners_router
from core.system_routes import router as system_router
from core.templating import THEMES_DIR

if TYPE_CHECKING:
    from types import ModuleType

    from piccolo.table import Table

__all__ = ["all_tables", "build_litestar", "build_runtime", "create_app", "piccolo_app_modules"]

log = logging.getLogger("entraide")
CORE_STATIC = Path(__file__).resolve().parent / "static"


def piccolo_app_modules(registry: PluginRegistry) -> list[str]:
    """Piccolo app modules of core and every installed plugin (by convention ``<pkg>.piccolo_app``)."""
    from core.piccolo_conf import app_modules

    return app_modules([registry.module(slug).__name__ for slug in registry.installed])


def all_tables(registry: PluginRegistry) -> list[type[Table]]:
    tables: list[type[Table]] = []
    for name in piccolo_app_modules(registry):
        tables.extend(importlib.import_module(name).APP_CONFIG.table_classes)
    return tables


def _plugin_routers(registry: PluginRegistry) -> list[Router]:
    routers = [
        Router(path="/", route_handlers=list(handlers), opt={"plugin": slug})
        for slug, handlers in registry.collect("register_routes")
    ]
    return routers + plugin_static_routers(registry)


def _static_routers() -> list[Router]:
    routers = [create_static_files_router(path="/static/core", directories=[CORE_STATIC], name="core:static")]
    for theme in sorted(p for p in THEMES_DIR.iterdir() if (p / "theme.toml").is_file()):
        routers.append(
            create_static_files_router(
                path=f"/static/themes/{theme.name}", directories=[theme / "static"], name=f"theme:{theme.name}"
            )
        )
    return routers


def build_runtime(
    settings: Settings,
    *,
    plugins: list[str] | None = None,
    extra_plugins: list[ModuleType] | None = None,
) -> Runtime:
    """Everything an application serves from: plugins, editions, database engine, caches.

    Also binds every table to the engine and makes the runtime the default one
    (for code outside a request: CLI, demo seeding, tests).
    """
    only = plugins if plugins is not None else settings.plugins
    registry = PluginRegistry(discover(only, extra_plugins, settings.plugin_paths))
    sites = sites_for(settings)
    private_dir(settings.data_path)  # 0700: database, uploads, media, outbox
    install_log_redaction()  # no verification or reset token in any log
    engine = make_engine(settings.database_url, search_path(registry.installed) if settings.pg_schemas else None)
    bind_tables(engine, all_tables(registry))
    runtime = Runtime(settings, registry, sites, engine)
    set_default(runtime)
    check_assets(runtime)
    return runtime


async def _startup(app: Litestar) -> None:
    runtime: Runtime = app.state.entraide
    if isinstance(runtime.pubsub, RedisBroker):
        await runtime.pubsub.start()
    await runtime.enablement.ensure_stamp()
    if isinstance(runtime.engine, PostgresEngine) and runtime.settings.db_pool_size:
        await runtime.engine.start_connection_pool(min_size=1, max_size=runtime.settings.db_pool_size)
    for _, result in runtime.registry.collect("on_startup", app=app):
        await result


async def _shutdown(app: Litestar) -> None:
    runtime: Runtime = app.state.entraide
    for _, result in runtime.registry.collect("on_shutdown", app=app):
        await result
    await runtime.tally.flush()
    await runtime.pubsub.close()
    if isinstance(runtime.engine, PostgresEngine) and runtime.settings.db_pool_size:
        await runtime.engine.close_connection_pool()
    if isinstance(runtime.engine, DurableSQLiteEngine):
        await runtime.engine.close_idle()


def build_litestar(runtime: Runtime) -> Litestar:
    """The Litestar application (routes, middleware, error pages) for ``runtime``'s plugins and settings.

    Handlers, middleware and lifespan hooks read the runtime from
    ``app.state.entraide`` at request time and keep nothing else from it, so
    an application may be given a new runtime with the same plugins and
    settings (the test kit does, building routes costs far more than a runtime).
    """
    settings = runtime.settings
    app = Litestar(
        route_handlers=[
            system_router,
            identity_router,
            account_router,
            settings_router,
            legal_router,
            admin_router,
            campaigns_router,
            partners_router,
            live,
            *_static_routers(),
            *_plugin_routers(runtime.registry),
        ],
        middleware=[pipeline],  # state, CSRF and route options in one layer (core.pipeline)
        exception_handlers={
            HTTPException: http_error,
            NotAuthorizedException: http_error,
            NotFoundException: http_error,
            500: server_error,
        },
        openapi_config=OpenAPIConfig(
            title="Entraide", version=__version__, path="/schema", render_plugins=[JsonRenderPlugin()]
        ),
        plugins=[HTMXPlugin()],
        request_class=EntraideRequest,  # HTMXRequest without its per-request reference cycle
        on_startup=[_startup],
        on_shutdown=[_shutdown],
        debug=settings.debug,
    )
    app.state.entraide = runtime
    # Outermost: checks the Host header and the client address before routing.
    app.asgi_handler = edition_gate(app.asgi_handler, TrustedProxies(settings.trusted_proxies), https=settings.https)
    return app


def create_app(
    settings: Settings | None = None,
    *,
    plugins: list[str] | None = None,
    extra_plugins: list[ModuleType] | None = None,
) -> Litestar:
    """Build an Entraide application.

    Args:
        settings: Validated settings (default: from the environment).
        plugins: Load only these plugin slugs (default: ``settings.plugins``,
            or every installed plugin).
        extra_plugins: Plugin modules to register as if installed (tests).
    """
    runtime = build_runtime(settings or load_settings(), plugins=plugins, extra_plugins=extra_plugins)
    return build_litestar(runtime)
