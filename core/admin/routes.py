"""Operator console: editions, plugin toggles per edition, audit log.

Operators only; everyone else gets 404 (the console does not reveal itself).
Toggles are HTMX buttons that swap their table row; without JavaScript they
are plain forms that redirect back.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.admin.labels import action_label, kind_label, role_label
from core.audit import record
from core.guards import current_member
from core.permissions import ROLES
from core.render import render, runtime
from core.request_helpers import is_htmx
from core.tables import AuditEntry, Member

__all__ = ["audit", "router"]

OPT = {"permission": "core.admin"}
LABELS = {"role_label": role_label, "kind_label": kind_label, "action_label": action_label}
PAGE_SIZE = 50


async def audit(
    actor: Member | None, action: str, *, site: str = "", target: str = "", detail: dict[str, Any] | None = None
) -> None:
    """Append an audit row (who changed what, when)."""
    await record(
        actor.id if actor else None,
        actor.pseudonym if actor else "cli",
        action,
        site=site,
        target=target,
        detail=detail,
    )


@get("/", name="core:admin", opt=OPT, include_in_schema=False)
async def admin_home(request: Request[Any, Any, Any]) -> Response[Any]:
    rt = runtime(request)
    editions = []
    for site in rt.sites:
        enabled = await rt.enablement.enabled(site)
        members = await Member.count().where(Member.site == site.code)
        editions.append({"site": site, "enabled": len(enabled), "members": members})
    return await render(
        request,
        "core/admin/home.html",
        {"editions": editions, "reports": rt.registry.reports, "degraded": rt.degraded, **LABELS},
    )


async def _plugin_rows(request: Request[Any, Any, Any], code: str) -> list[dict[str, Any]]:
    rt = runtime(request)
    site = rt.sites.get(code)
    if site is None:
        raise NotFoundException()
    enabled = await rt.enablement.enabled(site)
    rows = []
    for report in rt.registry.reports:
        rows.append(
            {
                "report": report,
                "meta": report.meta,
                "enabled": report.slug in enabled,
                "available": report.installed and rt.enablement.allowed_on(report.slug, site),
                "degraded": rt.degraded.get(report.slug),
            }
        )
    return rows


@get("/sites/{code:str}", name="core:admin_site", opt=OPT, include_in_schema=False)
async def admin_site(request: Request[Any, Any, Any], code: FromPath[str]) -> Response[Any]:
    rows = await _plugin_rows(request, code)
    site = runtime(request).sites.get(code)
    return await render(request, "core/admin/site.html", {"edition": site, "rows": rows, **LABELS})


@post("/sites/{code:str}/plugins/{slug:str}", name="core:admin_toggle", opt=OPT, include_in_schema=False)
async def admin_toggle(request: Request[Any, Any, Any], code: FromPath[str], slug: FromPath[str]) -> Response[Any]:
    rt = runtime(request)
    site = rt.sites.get(code)
    if site is None or slug not in rt.registry.installed:
        raise NotFoundException()
    form = await request.form()
    enabled = form.get("enabled") == "1"
    member = current_member(request)
    if not await rt.allowed(member, "core.manage_plugins"):
        raise NotFoundException()
    if enabled and rt.registry.metas[slug].restricted and member.role != "operator":
        raise PermissionDeniedException("Only an operator can enable a restricted plugin.")
    try:
        await rt.enablement.set(site, slug, enabled)
    except ValueError as exc:
        return Response({"detail": str(exc)}, status_code=400)
    await audit(member, "plugin.enabled" if enabled else "plugin.disabled", site=code, target=slug)
    if is_htmx(request):
        row = next(r for r in await _plugin_rows(request, code) if r["report"].slug == slug)
        return await render(request, "core/admin/_plugin_row.html", {"edition": site, "row": row, **LABELS})
    return Redirect(f"/admin/sites/{code}", status_code=303)


@get("/audit", name="core:admin_audit", opt=OPT, include_in_schema=False)
async def admin_audit(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    page = max(page, 1)
    rows = (
        await AuditEntry.select()
        .order_by(AuditEntry.id, ascending=False)
        .limit(PAGE_SIZE + 1)
        .offset((page - 1) * PAGE_SIZE)
    )
    return await render(
        request,
        "core/admin/audit.html",
        {"rows": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE, **LABELS},
    )


@get("/members", name="core:admin_members", opt=OPT, include_in_schema=False)
async def admin_members(
    request: Request[Any, Any, Any], q: FromQuery[str] = "", page: FromQuery[int] = 1
) -> Response[Any]:
    """Members by pseudonym (never by e-mail in lists), with their role."""
    page = max(page, 1)
    query = Member.select(Member.id, Member.pseudonym, Member.site, Member.role, Member.pro_verified, Member.created_at)
    if q.strip():
        query = query.where(Member.pseudonym_key.like(f"%{q.strip().casefold()[:30]}%"))
    rows = await query.order_by(Member.id).limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)
    return await render(
        request,
        "core/admin/members.html",
        {"rows": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE, "q": q, "roles": ROLES, **LABELS},
    )


@post("/members/{member_id:int}/role", name="core:admin_member_role", opt=OPT, include_in_schema=False)
async def admin_member_role(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Response[Any]:
    """Change a member's role; "pro" with verified=1 marks a verified health professional."""
    form = await request.form()
    role = str(form.get("role", ""))
    if role not in ROLES:
        return Response({"detail": f"Unknown role {role!r}; choose one of {', '.join(ROLES)}"}, status_code=400)
    verified = role == "pro" and form.get("pro_verified") == "1"
    if not await Member.exists().where(Member.id == member_id):
        raise NotFoundException()
    await Member.update({Member.role: role, Member.pro_verified: verified}).where(Member.id == member_id)
    detail = {"role": role, "pro_verified": verified}
    await audit(current_member(request), "member.role_changed", target=f"member:{member_id}", detail=detail)
    return Redirect("/admin/members", status_code=303)


router = Router(
    path="/admin",
    route_handlers=[admin_home, admin_site, admin_toggle, admin_audit, admin_members, admin_member_role],
)
