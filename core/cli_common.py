"""Helpers shared by the ``entraide`` sub-commands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from core.settings import Settings

T = TypeVar("T")

__all__ = ["CliError", "make_app", "run_with_app", "site_or_fail", "with_db"]


class CliError(Exception):
    """A user-fixable problem: printed as one line, exit code 2."""


def make_app(settings: Settings) -> Any:
    from core.app import create_app

    return create_app(settings)


def site_or_fail(rt: Any, code: str) -> Any:
    site = rt.sites.get(code)
    if site is None:
        raise CliError(f"unknown site {code!r} (known: {', '.join(s.code for s in rt.sites)})")
    return site


async def with_db(app: Any, coro: Any) -> Any:
    from piccolo.engine.postgres import PostgresEngine

    engine = app.state.entraide.engine
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=2)
    try:
        return await coro
    except Exception as exc:
        if _unmigrated(exc):
            raise CliError("the database has no Entraide tables yet: run `entraide migrate` first") from None
        raise
    finally:
        if isinstance(engine, PostgresEngine):
            await engine.close_connection_pool()


def _unmigrated(exc: BaseException) -> bool:
    """A missing core table (SQLite "no such table", PostgreSQL UndefinedTableError)."""
    text = f"{exc.__class__.__name__}: {exc}"
    return "no such table" in text or "UndefinedTable" in text or ("relation" in text and "does not exist" in text)


def run_with_app(main: Callable[[], Awaitable[T]]) -> T:
    """Run a plugin's CLI work against the configured application and database.

    A command declared with ``register_cli_commands`` gets only its parsed
    arguments; inside ``main`` the ``core.api`` functions (``get_members``,
    ``send_member_email``…) and the plugin's tables work as in a request.
    """
    import asyncio

    from core.settings import load_settings

    app = make_app(load_settings())

    async def run() -> T:
        return await with_db(app, main())

    return asyncio.run(run())
