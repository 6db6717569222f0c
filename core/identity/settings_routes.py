"""Account settings under ``/me``: pseudonym, avatar, e-mail address, language.

Each section of the settings page posts to its own route; a refused form
comes back on the same page with its errors named and linked (400). The
e-mail confirmation link works without being signed in (the member may open
it on another device): its page asks for one click, because mail scanners
open links on their own.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from core.email import send_email
from core.guards import current_member
from core.i18n import N_, load_translations
from core.identity import account_changes, throttle
from core.identity.avatars import AVATAR_CHOICES
from core.identity.forms import field, upload_bytes
from core.identity.images import MAX_AVATAR_BYTES
from core.middleware import LANG_COOKIE
from core.render import flash, gettext_for, render, runtime

__all__ = ["me_context", "render_me", "router"]

EMAIL_CHANGES_PER_HOUR = 5


def me_context(request: Request[Any, Any, Any], **extra: Any) -> dict[str, Any]:
    """Everything the settings page shows, plus a refused form's ``errors`` and ``values``."""
    member = current_member(request)
    return {
        "account": member,
        "errors": {},
        "values": {},
        "avatar_choices": range(AVATAR_CHOICES),
        "max_avatar_mb": MAX_AVATAR_BYTES // (1024 * 1024),
        "next_pseudonym_change": account_changes.next_pseudonym_change(member),
        **extra,
    }


async def render_me(request: Request[Any, Any, Any], status: int = 200, **extra: Any) -> Response[Any]:
    return await render(request, "core/pages/me.html", me_context(request, **extra), status=status)


@post("/pseudonym", name="core:me_pseudonym", opt={"login": True}, include_in_schema=False)
async def pseudonym_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    form = await request.form()
    new = field(form, "pseudonym")
    problem = await account_changes.change_pseudonym(current_member(request), new)
    if problem:
        return await render_me(request, 400, errors={"pseudonym": problem}, values={"pseudonym": new})
    _ = gettext_for(request).gettext
    return flash(Redirect("/me", status_code=303), _("Your pseudonym is now %(name)s.") % {"name": new.strip()})


@post("/avatar", name="core:me_avatar", opt={"login": True}, include_in_schema=False)
async def avatar_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    form = await request.form()
    upload = await upload_bytes(form, "avatar_upload", MAX_AVATAR_BYTES)
    member = current_member(request)
    problem = await account_changes.change_avatar(runtime(request), member, field(form, "avatar_choice"), upload)
    if problem:
        return await render_me(request, 400, errors={"avatar": problem})
    _ = gettext_for(request).gettext
    return flash(Redirect("/me", status_code=303), _("Your avatar has been changed."))


@post("/email", name="core:me_email", opt={"login": True}, include_in_schema=False)
async def email_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    form = await request.form()
    new = field(form, "new_email")
    budget = await throttle.rate_limit(
        f"email-change:{member.id}", limit=EMAIL_CHANGES_PER_HOUR, window=timedelta(hours=1)
    )
    if budget.allowed:
        errors, change = await account_changes.request_email_change(member, new, field(form, "email_password"))
    else:
        errors, change = {"new_email": N_("Too many requests. Try again in an hour.")}, None
    if errors or change is None:
        return await render_me(request, 400, errors=errors, values={"new_email": new})
    await _send_change_mails(request, member.email, change)
    _ = gettext_for(request).gettext
    message = _("We sent a confirmation link to %(email)s. Your address changes when you open it.")
    return flash(Redirect("/me", status_code=303), message % {"email": change.address})


async def _send_change_mails(request: Request[Any, Any, Any], old: str, change: account_changes.EmailChange) -> None:
    rt = runtime(request)
    site = request.state.site
    _ = gettext_for(request).gettext
    if change.token is None:
        body = _(
            "Someone, perhaps you, asked to use this e-mail address for another account on %(site)s. This"
            " address already has an account, so nothing was changed. If it was not you, you can ignore this."
        )
        subject = _("Your address was suggested for another account")
        await send_email(rt.settings, change.address, subject, body % {"site": site.name})
        return
    link = site.url(f"/me/email/confirm/{change.token}")
    body = _("To use this address for your %(site)s account, open this link (valid 24 hours):") % {"site": site.name}
    await send_email(rt.settings, change.address, _("Confirm your new e-mail address"), f"{body}\n\n{link}\n")
    notice = _(
        "Someone signed in to your %(site)s account asked to change its e-mail address. It changes only when"
        " the link sent to the new address is opened. If it was not you, change your password now."
    )
    subject = _("A change of your e-mail address was requested")
    await send_email(rt.settings, old, subject, notice % {"site": site.name})


@get("/email/confirm/{token:str}", name="core:me_email_confirm", include_in_schema=False)
async def email_confirm_page(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    return await render(request, "core/pages/email_confirm.html", {"token": token})


@post("/email/confirm/{token:str}", name="core:me_email_confirm_submit", include_in_schema=False)
async def email_confirm_submit(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    _ = gettext_for(request).gettext
    done = await account_changes.confirm_email_change(token)
    if done is None:
        title, text = _("Link expired"), _("This link is invalid or has already been used.")
        return await render(request, "core/pages/message.html", {"title": title, "message": text}, status=400)
    _member_id, old, new = done
    site = request.state.site
    notice = _("The e-mail address of your %(site)s account is now %(email)s. If it was not you, contact us at once.")
    subject = _("Your e-mail address was changed")
    await send_email(runtime(request).settings, old, subject, notice % {"site": site.name, "email": new})
    await account_changes.keep_mails_with_account(runtime(request).settings, old, new)
    target = "/me" if request.state.member else "/login"
    return flash(Redirect(target, status_code=303), _("Your new e-mail address is confirmed."))


@post("/language", name="core:me_language", opt={"login": True}, include_in_schema=False)
async def language_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    """The member's language among the edition's: pages, e-mails and consent texts follow it."""
    form = await request.form()
    language = field(form, "language")
    site = request.state.site
    if language not in site.languages:
        return await render_me(request, 400, errors={"language": N_("Choose one of the languages of this edition.")})
    await account_changes.set_language(current_member(request).id, language)
    response: Response[Any] = Redirect("/me", status_code=303)
    response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, httponly=True, samesite="lax", path="/")
    translations = load_translations(language, runtime(request).templates.locale_dirs)  # said in the new language
    return flash(response, translations.gettext("Your language has been saved."))


router = Router(
    path="/me",
    route_handlers=[
        pseudonym_submit,
        avatar_submit,
        email_submit,
        email_confirm_page,
        email_confirm_submit,
        language_submit,
    ],
)
