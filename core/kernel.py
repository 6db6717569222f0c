"""Kernel services for plugins: permissions, relations, events, consent, e-mail.

Each function here is what a plugin *may* do with core's private data
without seeing it: ask whether the viewer may do something, ask another
plugin about a member, notify other plugins, check a consent, write to a
member. Exported through :mod:`core.api`.
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from core.context import active_runtime
from core.members import MemberView, viewer

if TYPE_CHECKING:
    from litestar import Request

    from core.events import Event
    from core.runtime import Runtime

__all__ = ["allowed", "answered", "emit", "has_consent", "related", "send_member_email"]


class _Viewer:
    """Sentinel: "the member of this request" (``allowed(..., member=...)``)."""

    def __repr__(self) -> str:
        return "VIEWER"


VIEWER: Any = _Viewer()


async def scope_of(request_or_site: Any) -> tuple[Runtime, frozenset[str], str]:
    """Runtime, enabled plugin slugs and edition code for a request or an edition."""
    if isinstance(request_or_site, str) or hasattr(request_or_site, "code"):
        rt = active_runtime()
        code = request_or_site if isinstance(request_or_site, str) else request_or_site.code
        site = rt.sites.get(code)
        if site is None:
            raise KeyError(f"unknown edition {code!r}")
        return rt, await rt.enablement.enabled(site), code
    state = request_or_site.scope["state"]
    return request_or_site.app.state.entraide, state.get("enabled", frozenset()), state["site"].code


async def allowed(request: Request[Any, Any, Any], permission: str, obj: Any = None, *, member: Any = VIEWER) -> bool:
    """Whether a member may do ``permission`` (on ``obj``) on this request's edition.

    Enabled plugins' ``resolve_permission`` implementations decide first
    (sync or async; the first non-None answer wins); the roles declared with
    ``register_permissions`` are the fallback. Unknown permissions and
    anonymous viewers are denied.

    Args:
        request: The current request (edition and enabled plugins).
        permission: Permission name, e.g. ``"friends.is_friend"``.
        obj: What the permission is about (an id, an object), or None.
        member: Whose permission: the request's viewer by default, or a
            :class:`MemberView` / None to ask for someone else.
    """
    who = viewer(request) if member is VIEWER else member
    rt, enabled, _ = await scope_of(request)
    return await rt.allowed(who, permission, obj, enabled=enabled)


async def answered(request_or_site: Any, permission: str) -> bool:
    """Whether a plugin enabled on this edition decides ``permission`` (its ``META.answers``).

    Offer a feature that needs someone else's decision only when this is
    true: with no friends plugin, "share with my friends" would promise
    sharing with friends that do not exist.

    Args:
        request_or_site: The current request, or an edition (code or Site).
        permission: Permission name, e.g. ``"healthbox.view_shared_chart"``.
    """
    rt, enabled, _ = await scope_of(request_or_site)
    metas = rt.registry.metas
    return any(permission in metas[slug].answers for slug in enabled if slug in metas)


async def related(request_or_site: Any, relation: str, member_id: int) -> list[Any]:
    """Ask enabled plugins about a member's relation, e.g. ``friends.friends``.

    Args:
        request_or_site: The current request, or an edition (code or Site).
        relation: ``<slug>.<relation>``, e.g. ``"groups.memberships"``.
        member_id: Whose relation.

    Returns:
        The first non-None answer of a ``resolve_related`` implementation
        (ids, usually), or ``[]`` when no enabled plugin answers.
    """
    rt, enabled, code = await scope_of(request_or_site)
    for impl in rt.site_impls("resolve_related", enabled):
        answer = impl.function(relation=relation, member_id=member_id, site=code)
        if inspect.isawaitable(answer):
            answer = await answer
        if answer is not None:
            return list(answer)
    return []


async def emit(request_or_site: Any, event: Event) -> None:
    """Deliver ``event`` to the ``handle_event`` of plugins enabled on its edition.

    Call it after your transaction committed. Delivery is isolated: a
    failing handler is logged and marks its plugin degraded. Sponsored
    plugins never receive events.

    Args:
        request_or_site: The current request, or an edition (code or Site);
            an event without ``site`` gets this edition's code.
        event: Name ``<slug>.<noun>.<past_verb>``, edition, member, payload.
    """
    rt, _, code = await scope_of(request_or_site)
    await rt.emit(event if event.site else replace(event, site=code))


async def has_consent(member_id: int, purpose: str) -> bool:
    """Whether the member currently grants ``purpose`` (latest ledger entry wins)."""
    from core.consent import current_state

    return (await current_state(int(member_id))).has(purpose)


async def send_member_email(member_id: int, subject: str, body: str, *, site: str | None = None) -> bool:
    """Send a plain-text e-mail to a member through the outbox.

    The plugin never learns the address. Nothing is sent to an unverified
    address (it may not belong to the member) or to an erased member.

    Args:
        member_id: Recipient.
        subject: One line (line breaks are folded).
        body: Plain text, already in the member's language.
        site: Edition whose name signs the message (default: the member's).

    Returns:
        True when the message was queued.
    """
    from core.email import send_email
    from core.tables import Member

    row = (
        await Member.select(Member.email, Member.email_verified, Member.site).where(Member.id == int(member_id)).first()
    )
    if row is None or not row["email_verified"]:
        return False
    rt = active_runtime()
    edition = rt.sites.get(site or row["site"])
    signature = f"\n\n-- \n{edition.name}" if edition else ""
    await send_email(rt.settings, row["email"], " ".join(subject.split())[:200], body + signature)
    return True


def as_view(member: Any) -> MemberView | None:
    """A :class:`MemberView` from a view, a core member row, or None."""
    if member is None or isinstance(member, MemberView):
        return member
    from core.members import view_of

    return view_of(member)
