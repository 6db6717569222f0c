"""Which application a kernel call belongs to, without a global app.

Plugin-facing kernel functions such as :func:`core.api.get_member` or
:func:`core.api.send_member_email` take no request: they find the
:class:`~core.runtime.Runtime` of the application serving the current
request (set by the request middleware) or, outside requests (CLI, demo
seeding, start-up), the application built last in this process.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = ["activate", "active_runtime", "set_default"]

_CURRENT: ContextVar[Runtime | None] = ContextVar("entraide_runtime", default=None)
_DEFAULT: list[Runtime] = []


def set_default(runtime: Runtime) -> None:
    """Make ``runtime`` the fallback outside requests (called by ``create_app``)."""
    _DEFAULT[:] = [runtime]


def activate(runtime: Runtime) -> None:
    """Bind ``runtime`` to the current task (the request middleware does this)."""
    if _CURRENT.get() is not runtime:
        _CURRENT.set(runtime)


def active_runtime() -> Runtime:
    """The runtime of the current request, else of the last application built.

    Raises:
        RuntimeError: No application was built in this process.
    """
    runtime = _CURRENT.get()
    if runtime is not None:
        return runtime
    if _DEFAULT:
        return _DEFAULT[0]
    raise RuntimeError("no Entraide application in this process: call core.app.create_app() first")
