"""Sign-up, login, logout, e-mail verification and password reset pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from babel.dates import format_timedelta
from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core import csrf
from core.email import send_email
from core.guards import needed_purposes
from core.identity import backoff, mails, service, sessions, throttle
from core.identity.avatars import AVATAR_CHOICES
from core.identity.forms import client_address, field, safe_next, upload_bytes
from core.identity.images import MAX_AVATAR_BYTES
from core.identity.validation import normalise_email
from core.render import flash, gettext_for, locale_of, render, runtime

__all__ = ["router"]


def login_response(request: Request[Any, Any, Any], token: str, target: str) -> Response[Any]:
    """Redirect with a fresh session cookie (the old session, if any, is gone).

    The CSRF token rotates with it: the one minted for the anonymous visitor
    no longer works.
    """
    rt = runtime(request)
    response: Response[Any] = Redirect(target, status_code=303)
    csrf.set_token_cookie(response, rt.settings, csrf.session_token(rt.settings.secret_key, sessions.hash_token(token)))
    response.set_cookie(
        sessions.cookie_name(rt.settings.https),
        token,
        httponly=True,
        secure=rt.settings.https,
        samesite="lax",
        path="/",
        max_age=rt.settings.session_absolute_hours * 3600,
    )
    return response


async def _start_session(request: Request[Any, Any, Any], member_id: int) -> str:
    old = request.scope["state"].get("session_id")
    if old:
        await sessions.destroy(old)
    return await sessions.create(member_id, request.headers.get("user-agent", ""), site=request.state.site.code)


def _signup_context(request: Request[Any, Any, Any], values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    rt = runtime(request)
    return {
        "values": values,
        "errors": errors,
        "purposes": list(rt.purposes.values()),
        "needed_purposes": needed_purposes(request.app, request.scope["state"]["enabled"]),
        "avatar_choices": range(AVATAR_CHOICES),
        "max_avatar_mb": MAX_AVATAR_BYTES // (1024 * 1024),
    }


@get("/signup", name="core:signup", include_in_schema=False)
async def signup_page(request: Request[Any, Any, Any]) -> Response[Any]:
    if request.state.member:
        return Redirect("/me")
    return await render(request, "core/pages/signup.html", _signup_context(request, {"avatar_choice": "0"}, {}))


@post(
    "/signup", name="core:signup_submit", include_in_schema=False, request_max_body_size=MAX_AVATAR_BYTES + 1024 * 1024
)
async def signup_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    rt = runtime(request)
    site = request.state.site
    if not await throttle.signup_allowed(client_address(request)):
        _ = gettext_for(request).gettext
        errors = {"form": _("Too many requests from your connection. Please try again in an hour.")}
        return await render(request, "core/pages/signup.html", _signup_context(request, {}, errors), status=429)
    form = await request.form()
    values: dict[str, Any] = {k: field(form, k) for k in ("pseudonym", "email", "birth_year", "avatar_choice")}
    signup_form = service.SignupForm(
        pseudonym=values["pseudonym"],
        email=values["email"],
        password=field(form, "password"),
        birth_year=values["birth_year"],
        avatar_choice=values["avatar_choice"] or "0",
        avatar_upload=await upload_bytes(form, "avatar_upload", MAX_AVATAR_BYTES),
        consents={p for p in rt.purposes if field(form, f"consent_{p}") == "yes"},
    )
    try:
        member = await service.signup(rt, site, signup_form, language=locale_of(request))
    except service.FormErrors as exc:
        values["consents"] = signup_form.consents
        return await render(request, "core/pages/signup.html", _signup_context(request, values, exc.errors), status=400)
    if member is None:
        await mails.signup_attempt_notice(request, normalise_email(signup_form.email))
    else:
        await mails.send_verification(request, member.id, member.email)
    # The same page whether or not the address already had an account (no enumeration).
    return await render(request, "core/pages/signup_sent.html", {"email": signup_form.email.strip()})


@get("/verify/{token:str}", name="core:verify", include_in_schema=False)
async def verify_email(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    from core.tables import Member

    member_id = await service.consume_token(token, "verify")
    _ = gettext_for(request).gettext
    if member_id is None:
        return await render(
            request,
            "core/pages/message.html",
            {"title": _("Link expired"), "message": _("This link is invalid or has already been used.")},
            status=400,
        )
    await Member.update({Member.email_verified: True}).where(Member.id == member_id)
    if request.state.member:
        return flash(Redirect("/me", status_code=303), _("Your e-mail address is confirmed."))
    return flash(Redirect("/login", status_code=303), _("Your e-mail address is confirmed. You can log in."))


@get("/login", name="core:login", include_in_schema=False)
async def login_page(request: Request[Any, Any, Any], next: FromQuery[str | None] = None) -> Response[Any]:
    return await render(request, "core/pages/login.html", {"next": safe_next(next), "errors": {}, "values": {}})


@post("/login", name="core:login_submit", include_in_schema=False)
async def login_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    rt = runtime(request)
    form = await request.form()
    email, password, target = field(form, "email"), field(form, "password"), safe_next(field(form, "next"))
    _ = gettext_for(request).gettext
    ctx = {"next": target, "values": {"email": email}, "errors": {}}
    address = client_address(request)
    wait = await backoff.login_wait(email, address, backoff.LoginPolicy.of(rt.settings))
    if wait:
        seconds = backoff.retry_after(wait)
        duration = format_timedelta(timedelta(seconds=seconds), threshold=2, locale=locale_of(request))
        ctx["errors"] = {"form": _("Too many failed attempts. Try again in %(wait)s.") % {"wait": duration}}
        return await render(request, "core/pages/login.html", ctx, status=429, headers={"Retry-After": str(seconds)})
    member = await service.authenticate(email, password)
    if member is None:
        await backoff.record_failure(email, address)
        ctx["errors"] = {"form": _("E-mail address or password is incorrect.")}
        return await render(request, "core/pages/login.html", ctx, status=400)
    await backoff.clear(email)
    await backoff.remember(email, address)
    token = await _start_session(request, member.id)
    return login_response(request, token, target)


@post("/logout", name="core:logout", include_in_schema=False)
async def logout(request: Request[Any, Any, Any]) -> Response[Any]:
    sid = request.scope["state"].get("session_id")
    if sid:
        await sessions.destroy(sid)
    settings = runtime(request).settings
    response: Response[Any] = Redirect("/", status_code=303)
    response.delete_cookie(sessions.cookie_name(settings.https))
    csrf.set_token_cookie(response, settings, csrf.anonymous_token(settings.secret_key))
    return response


@get("/password/reset", name="core:reset", include_in_schema=False)
async def reset_request_page(request: Request[Any, Any, Any]) -> Response[Any]:
    return await render(request, "core/pages/reset_request.html", {"sent": False, "errors": {}})


@post("/password/reset", name="core:reset_submit", include_in_schema=False)
async def reset_request_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    from core.tables import Member

    rt = runtime(request)
    form = await request.form()
    email = normalise_email(field(form, "email"))
    _ = gettext_for(request).gettext
    address_ok, account_ok = await throttle.reset_allowed(email, client_address(request))
    if not address_ok:
        errors = {"email": _("Too many requests from your connection. Please try again in an hour.")}
        return await render(request, "core/pages/reset_request.html", {"sent": False, "errors": errors}, status=429)
    member = await Member.select(Member.id, Member.email).where(Member.email == email).first()
    if member and account_ok:
        token = await service.issue_token(member["id"], "reset")
        await send_email(
            rt.settings,
            member["email"],
            _("Reset your password"),
            _("Someone asked to reset your password. If it was you, open this link (valid 60 minutes):")
            + f"\n\n{request.state.site.url(f'/password/reset/{token}')}\n\n"
            + _("If not, ignore this message: your password has not changed."),
        )
    # Same answer whether or not the account exists (no account enumeration).
    return await render(request, "core/pages/reset_request.html", {"sent": True, "errors": {}})


@get("/password/reset/{token:str}", name="core:reset_confirm", include_in_schema=False)
async def reset_confirm_page(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    valid = await service.consume_token(token, "reset", mark_used=False) is not None
    return await render(
        request,
        "core/pages/reset_confirm.html",
        {"token": token, "valid": valid, "errors": {}},
        status=200 if valid else 400,
    )


@post("/password/reset/{token:str}", name="core:reset_confirm_submit", include_in_schema=False)
async def reset_confirm_submit(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    from core.tables import Member

    form = await request.form()
    password = field(form, "password")
    _ = gettext_for(request).gettext
    member_id = await service.consume_token(token, "reset", mark_used=False)
    if member_id is None:
        return await render(
            request, "core/pages/reset_confirm.html", {"token": token, "valid": False, "errors": {}}, status=400
        )
    member = await Member.objects().where(Member.id == member_id).first()
    assert member is not None
    problems = await service.change_password(member, password)
    if problems:
        return await render(
            request,
            "core/pages/reset_confirm.html",
            {"token": token, "valid": True, "errors": {"password": problems[0]}},
            status=400,
        )
    await service.consume_token(token, "reset")
    await sessions.destroy_all(member_id)
    await service.notify_password_changed(runtime(request), member.email, request.state.site.name, _)
    return flash(Redirect("/login", status_code=303), _("Your password has been changed. You can log in."))


@get("/dev/outbox", name="core:outbox", include_in_schema=False)
async def dev_outbox(request: Request[Any, Any, Any]) -> Response[Any]:
    """The e-mail outbox, in demo mode only (404 otherwise)."""
    from core.tables import OutboxEmail

    if not runtime(request).settings.demo:
        raise NotFoundException()
    emails = await OutboxEmail.select().order_by(OutboxEmail.id, ascending=False).limit(50)
    return await render(request, "core/pages/outbox.html", {"emails": emails})


router = Router(
    path="/",
    route_handlers=[
        signup_page,
        signup_submit,
        verify_email,
        login_page,
        login_submit,
        logout,
        reset_request_page,
        reset_request_submit,
        reset_confirm_page,
        reset_confirm_submit,
        dev_outbox,
    ],
)
