"""One bound for every integer a URL carries.

Litestar parses ``{member_id:int}`` and ``page: int`` into Python integers of
any size; the database then fails on them (SQLite: int64, PostgreSQL
``integer`` columns: int32) and the visitor got a 500. The app-level guard
calls :func:`check_int_params` before any handler runs, so every route, a
plugin's included, answers 404 for an out-of-range path integer and 400
for an out-of-range query integer.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

from litestar.exceptions import ClientException, NotFoundException
from litestar.params import ParameterKwarg

if TYPE_CHECKING:
    from litestar.connection import ASGIConnection
    from litestar.handlers.base import BaseRouteHandler

__all__ = ["INT_MAX", "INT_MIN", "check_int_params", "int_params"]

#: PostgreSQL ``integer`` (Piccolo ``Serial``/``Integer``): the narrowest column ids live in.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1

#: Keyed by the handler's function and paths: Litestar may hand guards a fresh handler object.
_CACHE: dict[tuple[Any, frozenset[str]], tuple[tuple[str, str], ...]] = {}


def _holds_int(annotation: Any) -> bool:
    """``int``, ``int | None``, ``list[int]``, ``Annotated[int, …]`` … (not ``bool``)."""
    if annotation is int:
        return True
    origin = typing.get_origin(annotation)
    if origin is None or isinstance(annotation, type):
        return False
    if origin is typing.Annotated:
        return _holds_int(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset):
        return any(_holds_int(arg) for arg in typing.get_args(annotation))
    return False


def int_params(handler: BaseRouteHandler) -> tuple[tuple[str, str], ...]:
    """``(where, name)`` of the handler's integer parameters; where is "path" or "query"."""
    key = (handler.fn, frozenset(handler.paths))
    found = _CACHE.get(key)
    if found is None:
        paths = {p for path in handler.paths for p in _path_names(path)}
        items = []
        for name, field in handler.parsed_fn_signature.parameters.items():
            if not _holds_int(field.annotation):
                continue
            kwarg = field.kwarg_definition
            if name in paths:
                items.append(("path", name))
            elif kwarg is None:
                items.append(("query", name))
            elif isinstance(kwarg, ParameterKwarg) and kwarg.header is None and kwarg.cookie is None:
                items.append(("query", kwarg.query or name))
        found = _CACHE[key] = tuple(items)
    return found


def _path_names(path: str) -> list[str]:
    return [part[1:-1].split(":")[0] for part in path.split("/") if part.startswith("{") and part.endswith("}")]


def _out_of_range(value: Any) -> bool:
    if isinstance(value, int):
        return not INT_MIN <= value <= INT_MAX
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isdigit():
        return False  # not an integer: the signature check answers 400
    return len(digits) > 12 or not INT_MIN <= int(text) <= INT_MAX


def check_int_params(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Raise 404 (path) or 400 (query) when an integer parameter is out of range."""
    for where, name in int_params(handler):
        if where == "path":
            if _out_of_range(connection.path_params.get(name, 0)):
                raise NotFoundException()
        elif any(_out_of_range(v) for v in connection.query_params.getall(name, [])):
            raise ClientException(detail=f"{name}: number out of range")
