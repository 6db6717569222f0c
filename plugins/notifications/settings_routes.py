"""Per-kind preferences (in the site / e-mail digest) and the JSON views."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromQuery
from litestar.response import Redirect

from core.api import current_member, flash, gettext_for, render
from plugins.notifications import services
from plugins.notifications.kinds import KIND_PATTERN, KNOWN_KINDS, label_of, slug_of
from plugins.notifications.tables import Notification
from plugins.notifications.views import items_for

__all__ = ["api_list", "api_unread", "save_settings", "settings_page"]

OPT = {"login": True}
MAX_KINDS = 100


async def _kinds(request: Request[Any, Any, Any], member_id: int) -> list[str]:
    """Kinds of plugins enabled here, plus any the member already received or set."""
    enabled = request.scope["state"].get("enabled", frozenset())
    kinds = {k for k in KNOWN_KINDS if slug_of(k) in enabled}
    received = await Notification.select(Notification.kind).where(Notification.member == member_id).distinct()
    kinds |= {r["kind"] for r in received}
    kinds |= set(await services.get_preferences(member_id))
    order = list(KNOWN_KINDS)
    return sorted(kinds, key=lambda k: (order.index(k) if k in order else len(order), k))[:MAX_KINDS]


@get("/settings", name="notifications:settings", opt=OPT)
async def settings_page(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    prefs = await services.get_preferences(me.id)
    rows = [
        {
            "kind": k,
            "label": label_of(k),
            "site": prefs.get(k, services.DEFAULT)[0],
            "email": prefs.get(k, services.DEFAULT)[1],
        }
        for k in await _kinds(request, me.id)
    ]
    return await render(request, "notifications/pages/settings.html", {"rows": rows})


@post("/settings", name="notifications:save_settings", opt=OPT)
async def save_settings(request: Request[Any, Any, Any]) -> Response[Any]:
    me = current_member(request)
    form = await request.form()
    offered = set(await _kinds(request, me.id))
    listed = [k for k in form.getall("kind", []) if isinstance(k, str) and KIND_PATTERN.match(k) and k in offered]
    checked = {v for v in form.getall("on", []) if isinstance(v, str)}
    choices = {k: (f"site:{k}" in checked, f"email:{k}" in checked) for k in listed}
    await services.set_preferences(me.id, choices)
    message = gettext_for(request).gettext("Your notification preferences are saved.")
    return flash(Redirect("/notifications/settings", status_code=303), message)


@get("/api", name="notifications:api", opt=OPT)
async def api_list(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> dict[str, Any]:
    me = current_member(request)
    page = max(1, min(page, 10_000))
    rows, more = await services.page_of(me.id, page)
    items = await items_for(request, rows)
    return {
        "page": page,
        "more": more,
        "notifications": [
            {"id": i["id"], "text": str(i["text"].striptags()), "url": i["url"], "at": i["iso"], "unread": i["unread"]}
            for i in items
        ],
    }


@get("/api/unread", name="notifications:api_unread", opt=OPT)
async def api_unread(request: Request[Any, Any, Any]) -> dict[str, int]:
    me = current_member(request)
    return {"unread": (await services.unread_counts([me.id]))[me.id]}
