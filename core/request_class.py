"""The request class every handler receives: HTMX details without a reference cycle.

``litestar_htmx.HTMXRequest`` stores ``HTMXDetails(self)`` on the request,
and the details point back at the request: a cycle. Every request's objects
(scope, headers, ``send`` wrappers, state) then wait for the cyclic garbage
collector instead of being freed when the response is sent, and the
collector runs several times more often under load. Here ``request.htmx``
is built on access, so nothing points back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar import Request
from litestar.connection.base import empty_receive, empty_send
from litestar.plugins.htmx import HTMXDetails, HTMXRequest

if TYPE_CHECKING:
    from litestar.types import Receive, Scope, Send

__all__ = ["EntraideRequest"]


class EntraideRequest(HTMXRequest):
    """``HTMXRequest`` whose ``htmx`` details are made when read (same API, no cycle)."""

    __slots__ = ()

    def __init__(self, scope: Scope, receive: Receive = empty_receive, send: Send = empty_send) -> None:
        Request.__init__(self, scope=scope, receive=receive, send=send)  # not HTMXRequest's: it stores the cycle

    @property
    def htmx(self) -> HTMXDetails:  # type: ignore[override]  # read-only: details are made, not stored
        """What the HTMX client sent in its ``HX-*`` headers (``bool(request.htmx)``: an HTMX request)."""
        return HTMXDetails(self)
