"""Group pages: the list (mine, suggested, all), a group, joining and leaving, join requests, new groups."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.api import (
    audit,
    current_member,
    field,
    flash,
    get_members,
    gettext_for,
    related,
    render,
    render_markdown,
    site_of,
)
from plugins.groups import services
from plugins.groups.access import (
    can_read,
    group_or_404,
    is_group_moderator,
    is_staff,
    membership_of,
)
from plugins.groups.api_routes import api_handlers
from plugins.groups.moderation_routes import moderation_handlers
from plugins.groups.notify import emit_accepted, emit_join_request
from plugins.groups.tables import Membership
from plugins.groups.thread_routes import thread_handlers
from plugins.groups.threads import threads_of_group
from plugins.groups.view import count_label, decorate_threads

__all__ = ["router"]

OPT = {"login": True}
Req = Request[Any, Any, Any]


def _card(request: Req, group: dict[str, Any], status: str | None) -> dict[str, Any]:
    return group | {
        "count_text": count_label(request, group["member_count"]),
        "description_html": render_markdown(group["description"]),
        "status": status,
    }


async def _statuses(member_id: int) -> dict[int, str]:
    rows = await Membership.select(Membership.group, Membership.status).where(Membership.member == member_id)
    return {r["group"]: r["status"] for r in rows}


@get("/", name="groups:index", opt=OPT)
async def index(request: Req, lang: FromQuery[str] = "", page: FromQuery[int] = 1) -> Response[Any]:
    me = current_member(request)
    site = site_of(request)
    page = max(1, min(page, 10_000))
    statuses = await _statuses(me.id)
    groups, has_next = await services.groups_page(site.code, page, lang)
    mine = await services.active_groups(me.id, site.code)
    codes = [str(c) for c in await related(request, "profile.conditions", me.id)]
    suggested = await services.suggested(site.code, me.id, codes)
    context = {
        "mine": [_card(request, g, "active") for g in mine],
        "suggested": [_card(request, g, None) for g in suggested],
        "groups": [_card(request, g, statuses.get(g["id"])) for g in groups],
        "languages": await services.languages_of_site(site.code),
        "lang": lang,
        "page": page,
        "has_next": has_next,
        "staff": await is_staff(request),
    }
    return await render(request, "groups/pages/index.html", context)


@get("/{group_id:int}/", name="groups:group", opt=OPT)
async def group_page(request: Req, group_id: FromPath[int], page: FromQuery[int] = 1) -> Response[Any]:
    me = current_member(request)
    group = await group_or_404(request, group_id)
    mine = await membership_of(group_id, me.id)
    readable = await can_read(me, group)
    threads, has_next = [], False
    if readable:
        blocked = [int(i) for i in await related(request, "friends.blocked", me.id)]
        rows, has_next = await threads_of_group(group_id, max(1, min(page, 10_000)), blocked)
        threads = await decorate_threads(request, rows)
    context = {
        "group": _card(request, group, mine["status"] if mine else None),
        "membership": mine,
        "readable": readable,
        "threads": threads,
        "page": page,
        "has_next": has_next,
        "moderator": await is_group_moderator(request, group),
    }
    return await render(request, "groups/pages/group.html", context)


@post("/{group_id:int}/join", name="groups:join", opt=OPT)
async def join(request: Req, group_id: FromPath[int]) -> Response[Any]:
    me = current_member(request)
    _ = gettext_for(request).gettext
    group = await group_or_404(request, group_id)
    status = await services.join(group, me.id)
    if status == "pending":
        moderators = await Membership.select(Membership.member).where(
            (Membership.group == group_id) & (Membership.role == "moderator") & (Membership.status == "active")
        )
        await emit_join_request(request, group, me.id, [m["member"] for m in moderators])
        message = _("Your request is sent. A moderator of the group will answer it.")
    else:
        message = _("Welcome to the group!")
    return flash(Redirect(f"/groups/{group_id}/", status_code=303), message)


@post("/{group_id:int}/leave", name="groups:leave", opt=OPT)
async def leave(request: Req, group_id: FromPath[int]) -> Response[Any]:
    await group_or_404(request, group_id)
    await services.leave(group_id, current_member(request).id)
    return flash(
        Redirect(f"/groups/{group_id}/", status_code=303), gettext_for(request).gettext("You have left the group.")
    )


@get("/{group_id:int}/members", name="groups:members", opt=OPT)
async def members_page(request: Req, group_id: FromPath[int]) -> Response[Any]:
    """Join requests and the member list: for the group's moderators only (membership says something about health)."""
    group = await group_or_404(request, group_id)
    if not await is_group_moderator(request, group):
        raise NotFoundException()
    rows = await Membership.select().where(Membership.group == group_id).order_by(Membership.created_at)
    views = await get_members({r["member"] for r in rows})
    people = [r | {"view": views.get(r["member"])} for r in rows if views.get(r["member"])]
    context: dict[str, Any] = {"group": _card(request, group, None), "people": people}
    context |= {"me_id": current_member(request).id, "staff": await is_staff(request)}
    return await render(request, "groups/pages/members.html", context)


@post("/{group_id:int}/requests/{member_id:int}/{decision:str}", name="groups:decide_request", opt=OPT)
async def decide_request(
    request: Req, group_id: FromPath[int], member_id: FromPath[int], decision: FromPath[str]
) -> Response[Any]:
    group = await group_or_404(request, group_id)
    if decision not in ("approve", "refuse") or not await is_group_moderator(request, group):
        raise NotFoundException()
    if not await services.approve(group_id, member_id, decision == "approve"):
        raise NotFoundException()
    await audit(request, f"groups.request.{decision}d", f"groups.group:{group_id}", {"member": member_id})
    if decision == "approve":
        await emit_accepted(request, group, member_id, current_member(request).id)
    return flash(
        Redirect(f"/groups/{group_id}/members", status_code=303), gettext_for(request).gettext("Decision recorded.")
    )


@post("/{group_id:int}/members/{member_id:int}/remove", name="groups:remove_member", opt=OPT)
async def remove_member(request: Req, group_id: FromPath[int], member_id: FromPath[int]) -> Response[Any]:
    """A group moderator removes a member (not themselves); coming back then needs a moderator's approval."""
    group = await group_or_404(request, group_id)
    target = await membership_of(group_id, member_id)
    if not await is_group_moderator(request, group) or target is None or target["status"] != "active":
        raise NotFoundException()
    if member_id == current_member(request).id or (target["role"] == "moderator" and not await is_staff(request)):
        raise NotFoundException()  # a group moderator does not remove a fellow moderator: the edition's staff do
    await services.remove_member(group_id, member_id)
    await audit(request, "groups.member.removed", f"groups.group:{group_id}", {"group": group_id, "member": member_id})
    return flash(
        Redirect(f"/groups/{group_id}/members", status_code=303), gettext_for(request).gettext("Decision recorded.")
    )


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80] or "group"


@get("/new", name="groups:new", opt=OPT)
async def new_form(request: Req) -> Response[Any]:
    if not await is_staff(request):
        raise NotFoundException()
    return await render(request, "groups/pages/new.html", {"errors": {}, "values": {"visibility": "public"}})


@post("/new", name="groups:create", opt=OPT)
async def create(request: Req) -> Response[Any]:
    if not await is_staff(request):
        raise NotFoundException()
    site = site_of(request)
    _ = gettext_for(request).gettext
    form = await request.form()
    values = {k: field(form, k) for k in ("name", "language", "visibility", "description", "conditions")}
    errors: dict[str, str] = {}
    if not values["name"] or len(values["name"]) > 120:
        errors["name"] = _("Give the group a name of at most 120 characters.")
    if values["language"] not in site.languages:
        errors["language"] = _("Choose one of the edition's languages.")
    if values["visibility"] not in ("public", "private"):
        errors["visibility"] = _("Choose public or private.")
    codes = values["conditions"].upper().replace(",", " ").split()
    if any(not re.fullmatch(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?", c) for c in codes):
        errors["conditions"] = _("Use ICD-10 codes such as E11 or S93.4, separated by spaces.")
    if errors:
        return await render(request, "groups/pages/new.html", {"errors": errors, "values": values}, status=400)
    group_id = await services.create_group(
        site.code,
        slugify(values["name"]),
        values["name"],
        values["language"],
        description=values["description"],
        visibility=values["visibility"],
        conditions=codes,
    )
    await services.join({"id": group_id, "visibility": "public"}, current_member(request).id, role="moderator")
    await audit(request, "groups.group.created", f"groups.group:{group_id}", {"name": values["name"]})
    return flash(Redirect(f"/groups/{group_id}/", status_code=303), _("The group is created."))


router = Router(
    "/groups",
    route_handlers=[
        index,
        group_page,
        join,
        leave,
        members_page,
        decide_request,
        remove_member,
        new_form,
        create,
        *thread_handlers,
        *moderation_handlers,
        *api_handlers,
    ],
    opt={"plugin": "groups"},
)
