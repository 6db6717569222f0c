"""Select queries built once, run many times with new values.

Building a Piccolo query (select objects, where clauses, then the SQL text)
costs about as much as SQLite running it; for the few statements every
signed-in page runs (consent, navigation badges, dashboard checks) that
doubled the database part of a page. :func:`prepared` builds the query once
per database kind with named placeholders and keeps the compiled SQL; each
call then only fills in the values and runs it through the engine, so
transactions, the connection pool and PostgreSQL and SQLite behave exactly
as for the Piccolo query:

    UNREAD = prepared(lambda p: Notification.count().where(Notification.member == p.member_id))

    async def unread(member_id: int) -> int:
        return int((await UNREAD.first(member_id=member_id) or {"count": 0})["count"])

Only plain values may be passed (int, str, bool, date, datetime, None-free):
they are sent to the driver as they are, with none of Piccolo's conversions
(tables to ids, enums to values, JSON encoding). Output options
(``output(load_json=…)``, objects, nested) are not supported: rows come back
as dictionaries, as ``select()`` returns them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piccolo.querystring import QueryString

__all__ = ["Param", "Prepared", "prepared"]


class Param:
    """A named placeholder inside a query given to :func:`prepared`."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Param({self.name!r})"


class _Params:
    """``p.member_id`` is ``Param("member_id")``."""

    def __getattr__(self, name: str) -> Param:
        return Param(name)


class _Compiled(QueryString):
    """A query string whose SQL is already compiled for the engine (skips Piccolo's bundling)."""

    __slots__ = ("_compiled",)

    def __init__(self, sql: str, args: list[Any], table: Any) -> None:
        super().__init__("", query_type="select", table=table)
        self._compiled = (sql, args)

    def compile_string(self, engine_type: str = "postgres") -> tuple[str, list[Any]]:
        return self._compiled

    def __str__(self) -> str:
        return self._compiled[0]


class Prepared:
    """One select, compiled once per database kind; call :meth:`rows` or :meth:`first` with its values."""

    def __init__(self, build: Callable[[Any], Any]) -> None:
        self._build = build
        self._table: Any = None
        self._compiled: dict[str, tuple[str, list[tuple[bool, Any]]]] = {}

    def _compile(self, engine_type: str | None) -> tuple[str, list[tuple[bool, Any]]]:
        query = self._build(_Params())
        output = getattr(query, "output_delegate", None)
        if output is not None and (output._output.as_objects or output._output.load_json):
            raise ValueError("prepared queries return plain rows: drop output(as_objects/load_json)")
        strings = query.querystrings
        if len(strings) != 1:
            raise ValueError("a prepared query must compile to exactly one statement")
        self._table = query.table
        engine_type = engine_type or query.table._meta.db.engine_type
        sql, args = strings[0].compile_string(engine_type=engine_type)
        slots = [(True, a.name) if isinstance(a, Param) else (False, a) for a in args]
        found = self._compiled[engine_type] = (sql, slots)
        return found

    async def rows(self, **values: Any) -> list[dict[str, Any]]:
        """The statement's rows (dictionaries) with ``values`` in its placeholders."""
        if self._table is None:
            self._compile(None)
        table = self._table
        engine = table._meta.db  # the engine the table is bound to now (tests rebind tables)
        sql, slots = self._compiled.get(engine.engine_type) or self._compile(engine.engine_type)
        args = [values[v] if is_param else v for is_param, v in slots]
        results = await engine.run_querystring(_Compiled(sql, args, table))
        return engine.transform_response_to_dicts(results) if results else []

    async def first(self, **values: Any) -> dict[str, Any] | None:
        """The first row, or None."""
        found = await self.rows(**values)
        return found[0] if found else None


def prepared(build: Callable[[Any], Any]) -> Prepared:
    """A select built by ``build(p)`` once, where ``p.<name>`` marks a value given at each call.

    Args:
        build: Builds the Piccolo query; called once per database kind, at first use.

    Returns:
        The prepared query.
    """
    return Prepared(build)
