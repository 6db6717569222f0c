"""Notifications pages under ``/notifications/`` (a member sees only their own: others' ids are 404)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import current_member, flash, gettext_for, is_htmx, render
from plugins.notifications import services
from plugins.notifications.delivery import refresh_badges
from plugins.notifications.settings_routes import api_list, api_unread, save_settings, settings_page
from plugins.notifications.views import items_for

__all__ = ["router"]

OPT = {"login": True}


@get("/", name="notifications:list", opt=OPT)
async def list_page(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    me = current_member(request)
    page = max(1, min(page, 10_000))
    rows, more = await services.page_of(me.id, page)
    unread = (await services.unread_counts([me.id]))[me.id]
    context = {"items": await items_for(request, rows), "page": page, "more": more, "unread": unread}
    return await render(request, "notifications/pages/list.html", context)


@get("/{notification_id:int}", name="notifications:open", opt=OPT)
async def open_one(request: Request[Any, Any, Any], notification_id: FromPath[int]) -> Response[Any]:
    """Mark as read and go where the notification points."""
    me = current_member(request)
    row = await services.mark_read(me.id, notification_id, datetime.now(UTC)) if notification_id < 2**31 else None
    if row is None:
        raise NotFoundException()
    await refresh_badges([me.id])
    return Redirect(row["url"], status_code=303)


@post("/{notification_id:int}/read", name="notifications:read", opt=OPT)
async def read_one(request: Request[Any, Any, Any], notification_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    row = await services.mark_read(me.id, notification_id, datetime.now(UTC)) if notification_id < 2**31 else None
    if row is None:
        raise NotFoundException()
    await refresh_badges([me.id])
    if is_htmx(request):
        item = (await items_for(request, [row]))[0]
        return await render(request, "notifications/fragments/_item.html", {"n": item})
    return Redirect("/notifications/", status_code=303)


@post("/read-all", name="notifications:read_all", opt=OPT)
async def read_all(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    count = await services.mark_all_read(me.id, datetime.now(UTC))
    await refresh_badges([me.id])
    ngettext = gettext_for(request).ngettext
    message = ngettext("%(num)s notification marked as read.", "%(num)s notifications marked as read.", count) % {
        "num": count
    }
    return flash(Redirect("/notifications/", status_code=303), message)


router = Router(
    path="/notifications",
    route_handlers=[list_page, open_one, read_one, read_all, settings_page, save_settings, api_list, api_unread],
)
