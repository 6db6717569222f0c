"""The member's own pages under ``/me``: settings, consents, export, deletion."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core import consent
from core.erasure_summary import erasure_summary
from core.events import Event
from core.guards import current_member
from core.i18n import N_
from core.identity import service, sessions
from core.identity.devices import device_name
from core.identity.forms import field
from core.identity.passwords import verify_password
from core.identity.settings_routes import render_me
from core.privacy import encode_json, erase_member, export_member, export_zip
from core.render import consent_of, flash, gettext_for, locale_of, render, runtime
from core.request_helpers import is_htmx

__all__ = ["router"]


@get("/", name="core:me", opt={"login": True}, include_in_schema=False)
async def me_page(request: Request[Any, Any, Any]) -> Response[Any]:
    return await render_me(request)


@post("/password", name="core:me_password", opt={"login": True}, include_in_schema=False)
async def change_password(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    form = await request.form()
    _ = gettext_for(request).gettext
    errors: dict[str, str] = {}
    if not verify_password(member.password_hash, field(form, "current_password")):
        errors["current_password"] = N_("Your current password is incorrect.")
    else:
        problems = await service.change_password(member, field(form, "new_password"))
        if problems:
            errors["new_password"] = problems[0]
    if errors:
        return await render_me(request, 400, errors=errors)
    if field(form, "end_other_sessions", "yes") == "yes":
        await sessions.destroy_all(member.id, keep=request.scope["state"]["session_id"])
    await service.notify_password_changed(runtime(request), member.email, request.state.site.name, _)
    return flash(Redirect("/me", status_code=303), _("Your password has been changed."))


async def _consent_rows(request: Request[Any, Any, Any]) -> list[dict[str, Any]]:
    rt = runtime(request)
    site = request.state.site
    state = await consent_of(request)
    rows = []
    language = locale_of(request)
    for purpose in rt.purposes.values():
        text = purpose.text(site, language)
        rows.append(
            {
                "purpose": purpose,
                "title": text.title,
                "body": text.body,
                "granted": state.has(purpose.name),
                "since": state.granted.get(purpose.name) or state.withdrawn.get(purpose.name),
                "version": purpose.version(site, language),
                # Granted text no longer matches the current text in any of the edition's languages.
                "stale": state.has(purpose.name)
                and state.versions.get(purpose.name) not in {purpose.version(site, lang) for lang in site.languages},
            }
        )
    return rows


@get("/consents", name="core:consents", opt={"login": True}, include_in_schema=False)
async def consents_page(request: Request[Any, Any, Any]) -> Response[Any]:
    return await render(request, "core/pages/consents.html", {"rows": await _consent_rows(request)})


@get("/disclosures", name="core:disclosures", opt={"login": True}, include_in_schema=False)
async def disclosures_page(request: Request[Any, Any, Any]) -> Response[Any]:
    """What features shared about the member with partners (the ``me.disclosures`` slot), one row per release."""
    return await render(request, "core/pages/disclosures.html")


@post("/consents/{purpose:str}/{action:str}", name="core:consent_change", opt={"login": True}, include_in_schema=False)
async def consent_change(
    request: Request[Any, Any, Any], purpose: FromPath[str], action: FromPath[str]
) -> Response[Any]:
    """Grant or withdraw in one click; HTMX swaps the row, plain forms redirect.

    A feature page may offer the same one-click form with a ``next`` field (a
    local path) to come back to. Each change is announced to enabled plugins as
    ``core.consent.changed`` (payload ``purpose``, ``action``) so that, e.g.,
    an index of findable members drops a member who withdrew.
    """
    rt = runtime(request)
    member = current_member(request)
    if purpose not in rt.purposes or action not in ("grant", "withdraw"):
        raise NotFoundException()
    site = request.state.site
    state = await consent_of(request)
    changed = (action == "grant") != state.has(purpose)
    if changed:
        await consent.record(
            member.id, rt.purposes[purpose], action, site=site, language=locale_of(request), channel="web"
        )
    request.scope["state"].pop("consent", None)
    if changed:
        await rt.emit(Event("core.consent.changed", site.code, member.id, {"purpose": purpose, "action": action}))
    back = str((await request.form()).get("next") or "")
    if is_htmx(request):
        row = next(r for r in await _consent_rows(request) if r["purpose"].name == purpose)
        return await render(request, "core/fragments/_consent_row.html", {"row": row})
    if back.startswith("/") and not back.startswith("//") and "\\" not in back:
        return Redirect(back[:300], status_code=303)
    return Redirect("/me/consents", status_code=303)


@get("/export", name="core:export", opt={"login": True}, include_in_schema=False)
async def export_json(request: Request[Any, Any, Any]) -> Response[bytes]:
    member = current_member(request)
    document = await export_member(runtime(request), member.id)
    return Response(
        encode_json(document),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="entraide-export.json"'},
    )


@get("/export.zip", name="core:export_zip", opt={"login": True}, include_in_schema=False)
async def export_archive(request: Request[Any, Any, Any]) -> Response[bytes]:
    member = current_member(request)
    document = await export_member(runtime(request), member.id)
    return Response(
        export_zip(document),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="entraide-export.zip"'},
    )


@get("/delete", name="core:delete", opt={"login": True}, include_in_schema=False)
async def delete_page(request: Request[Any, Any, Any]) -> Response[Any]:
    return await render(request, "core/pages/delete.html", {"errors": {}, **_erasure_context(request)})


def _erasure_context(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """What the page promises to erase: the enabled features' declared data categories."""
    enabled = request.scope["state"]["enabled"]
    return {"erased": erasure_summary(runtime(request), enabled, gettext_for(request).gettext)}


@post("/delete", name="core:delete_submit", opt={"login": True}, include_in_schema=False)
async def delete_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    rt = runtime(request)
    member = current_member(request)
    form = await request.form()
    _ = gettext_for(request).gettext
    if not verify_password(member.password_hash, field(form, "password")):
        return await render(
            request,
            "core/pages/delete.html",
            {"errors": {"password": N_("Your password is incorrect.")}, **_erasure_context(request)},
            status=400,
        )
    await erase_member(rt, member.id, site=request.state.site.code)
    response: Response[Any] = Redirect("/", status_code=303)
    response.delete_cookie(sessions.cookie_name(rt.settings.https))
    return flash(response, _("Your account and all your data have been deleted."))


@get("/sessions", name="core:sessions", opt={"login": True}, include_in_schema=False)
async def sessions_page(request: Request[Any, Any, Any]) -> Response[Any]:
    """The member's signed-in devices (ASVS 3.3.4: list and revoke)."""
    from core.tables import SessionRow

    member = current_member(request)
    rows = (
        await SessionRow.select(SessionRow.id, SessionRow.created_at, SessionRow.last_seen_at, SessionRow.user_agent)
        .where(SessionRow.member == member.id)
        .order_by(SessionRow.last_seen_at, ascending=False)
    )
    _ = gettext_for(request).gettext
    for row in rows:
        row["device"] = device_name(row["user_agent"], _)
    return await render(
        request, "core/pages/sessions.html", {"rows": rows, "current": request.scope["state"]["session_id"]}
    )


@post("/sessions/{sid:str}/revoke", name="core:session_revoke", opt={"login": True}, include_in_schema=False)
async def session_revoke(request: Request[Any, Any, Any], sid: FromPath[str]) -> Response[Any]:
    """Sign a device out; only the member's own sessions can be named."""
    from core.tables import SessionRow

    member = current_member(request)
    if not await SessionRow.exists().where((SessionRow.id == sid) & (SessionRow.member == member.id)):
        raise NotFoundException()
    await sessions.destroy(sid)
    _ = gettext_for(request).gettext
    return flash(Redirect("/me/sessions", status_code=303), _("That device has been signed out."))


router = Router(
    path="/me",
    route_handlers=[
        me_page,
        change_password,
        consents_page,
        disclosures_page,
        consent_change,
        export_json,
        export_archive,
        delete_page,
        delete_submit,
        sessions_page,
        session_revoke,
    ],
)
