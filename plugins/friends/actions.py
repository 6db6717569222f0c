"""Friends actions (POST): send, accept, decline, cancel, remove, block, unblock.

Each action answers a browser with a redirect and a one-time message, and an
HTMX request from a member's friendship buttons (``ui=button``) with the
updated buttons. Refused requests store nothing and say why; a member who
blocked the viewer is refused exactly like an unknown pseudonym.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import (
    N_,
    Event,
    MemberView,
    current_member,
    emit,
    find_member,
    flash,
    get_member,
    gettext_for,
    is_htmx,
    render,
    site_of,
)
from plugins.friends import services
from plugins.friends.pages import list_page, visible_member
from plugins.friends.web import safe_next

__all__ = ["ACTIONS"]

OPT = {"login": True}
MSG_SENT = N_("%(actor)s sent you a friend request")
MSG_ACCEPTED = N_("%(actor)s accepted your friend request")


def _notify(recipient: int, actor: int, kind: str, url: str, msgid: str) -> list[dict[str, Any]]:
    return [{"member_id": recipient, "kind": kind, "actor_id": actor, "url": url, "msgid": msgid, "params": {}}]


async def _done(
    request: Request[Any, Any, Any], form: Any, other: MemberView | None, message: str, default: str
) -> Response[Any]:
    """Buttons fragment for HTMX, else redirect with a message."""
    if other is not None and is_htmx(request) and form.get("ui") == "button":
        me = current_member(request)
        state = await services.status(me.id, other.id)
        context = {
            "other": other,
            "status": state,
            "message": message,
            "next_url": safe_next(form.get("next"), default),
        }
        return await render(request, "friends/fragments/_button.html", context)
    return flash(Redirect(safe_next(form.get("next"), default), status_code=303), message)


async def _target(request: Request[Any, Any, Any], form: Any) -> MemberView | None:
    """The member a request is for: a ``member_id`` (buttons) or a typed ``pseudonym``."""
    raw = str(form.get("member_id") or "").strip()
    if raw:
        return await get_member(int(raw)) if raw.isdigit() and len(raw) < 10 else None
    pseudonym = str(form.get("pseudonym") or "").strip()[:60]
    return await find_member(pseudonym, site=site_of(request).code) if pseudonym else None


@post("/requests/", name="friends:send", opt=OPT)
async def send(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    form = await request.form()
    _ = gettext_for(request).gettext
    pseudonym = str(form.get("pseudonym") or "").strip()[:60]
    if not form.get("member_id") and not pseudonym:
        return await list_page(request, error=_("Enter the pseudonym of the member you want to add."))
    other = await _target(request, form)
    if other is not None and other.site != site_of(request).code:
        other = None
    try:
        await services.send_request(me, other)
    except services.RequestRefused as refused:
        message = _(refused.msgid) % {"name": other.pseudonym} if other else _(refused.msgid)
        if is_htmx(request) and form.get("ui") == "button" and other is not None and refused.msgid != services.UNKNOWN:
            state = await services.status(me.id, other.id)
            context = {"other": other, "status": state, "error": message, "next_url": safe_next(form.get("next"), "/")}
            return await render(request, "friends/fragments/_button.html", context)
        return await list_page(request, error=message, pseudonym=pseudonym)
    assert other is not None
    notify = _notify(other.id, me.id, "friends.request", "/friends/requests/", MSG_SENT)
    await emit(request, Event("friends.request.sent", "", me.id, {"other_id": other.id, "notify": notify}))
    message = _("Friend request sent to %(name)s.") % {"name": other.pseudonym}
    return await _done(request, form, other, message, "/friends/requests/")


@post("/requests/{request_id:int}/accept", name="friends:accept", opt=OPT)
async def accept(request: Request[Any, Any, Any], request_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    sender_id = await services.accept(me.id, request_id) if 0 < request_id < 2**31 else None
    sender = await get_member(sender_id) if sender_id else None
    if sender is None:
        raise NotFoundException()
    notify = _notify(sender.id, me.id, "friends.accepted", "/friends/", MSG_ACCEPTED)
    await emit(request, Event("friends.request.accepted", "", me.id, {"other_id": sender.id, "notify": notify}))
    message = gettext_for(request).gettext("You are now friends with %(name)s.") % {"name": sender.pseudonym}
    return await _done(request, await request.form(), sender, message, "/friends/")


@post("/requests/{request_id:int}/decline", name="friends:decline", opt=OPT)
async def decline(request: Request[Any, Any, Any], request_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    sender_id = await services.decline(me.id, request_id) if 0 < request_id < 2**31 else None
    if sender_id is None:
        raise NotFoundException()
    message = gettext_for(request).gettext("Request declined. The member is not told.")
    return await _done(request, await request.form(), await get_member(sender_id), message, "/friends/requests/")


@post("/requests/{request_id:int}/cancel", name="friends:cancel", opt=OPT)
async def cancel(request: Request[Any, Any, Any], request_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    recipient_id = await services.cancel(me.id, request_id) if 0 < request_id < 2**31 else None
    if recipient_id is None:
        raise NotFoundException()
    message = gettext_for(request).gettext("Request withdrawn.")
    return await _done(request, await request.form(), await get_member(recipient_id), message, "/friends/requests/")


@post("/{member_id:int}/remove", name="friends:remove", opt=OPT)
async def remove(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    other = await visible_member(request, member_id)
    if not await services.remove(me.id, other.id):
        raise NotFoundException()
    await emit(request, Event("friends.friendship.removed", "", me.id, {"other_id": other.id}))
    message = gettext_for(request).gettext("%(name)s is no longer your friend.") % {"name": other.pseudonym}
    return await _done(request, await request.form(), other, message, "/friends/")


@post("/{member_id:int}/block", name="friends:block", opt=OPT)
async def block(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    other = await visible_member(request, member_id)
    await services.block(me, other.id)
    await emit(request, Event("friends.block.added", "", me.id, {"other_id": other.id}))
    message = gettext_for(request).gettext("%(name)s is blocked. You will no longer see each other.") % {
        "name": other.pseudonym
    }
    return flash(Redirect("/friends/blocked/", status_code=303), message)


@post("/{member_id:int}/unblock", name="friends:unblock", opt=OPT)
async def unblock(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    other = await get_member(member_id) if 0 < member_id < 2**31 else None
    if other is None or not await services.unblock(me.id, other.id):
        raise NotFoundException()
    message = gettext_for(request).gettext("%(name)s is unblocked.") % {"name": other.pseudonym}
    return flash(Redirect("/friends/blocked/", status_code=303), message)


ACTIONS = [send, accept, decline, cancel, remove, block, unblock]
