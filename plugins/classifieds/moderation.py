"""Reports, contact relay and moderation of ads.

Three members reporting an ad hide it pending review; moderators
(``classifieds.moderate``) hide or restore ads, each decision audited.
Contacting a poster never reveals an address: with the ``messages`` plugin
enabled the ad page links to a private message; otherwise this relay sends
the text through the kernel's outbox (``core.api.send_member_email``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import (
    N_,
    Event,
    allowed,
    audit,
    current_member,
    emit,
    flash,
    gettext_for,
    locale_of,
    render,
    send_member_email,
)
from plugins.classifieds import services
from plugins.classifieds.categories import REPORT_REASONS
from plugins.classifieds.routes import visible_ad
from plugins.classifieds.views import display

__all__ = ["ROUTES"]

LOGIN = {"login": True}
CONTACTS_PER_HOUR = 10
MAX_MESSAGE = 2000


@post("/{ad_id:int}/report", name="classifieds:report", opt=LOGIN)
async def report(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    member = current_member(request)
    ad = await visible_ad(request, ad_id)
    data = await request.form()
    reason = str(data.get("reason", ""))
    note = str(data.get("note", "")).replace("\x00", "").strip()[:500]
    _ = gettext_for(request).gettext
    if reason not in REPORT_REASONS or ad["member_id"] == member.id:
        return flash(Redirect(f"/classifieds/{ad_id}", status_code=303), _("Choose a reason for your report."))
    if await services.add_report(ad, member.id, reason, note):
        await audit(
            request, "classifieds.ad.auto_hidden", f"ad:{ad_id}", {"reports": services.AUTO_HIDE_REPORTS}, system=True
        )
    return flash(Redirect("/classifieds/", status_code=303), _("Thank you. Moderators will look at this ad."))


@get("/{ad_id:int}/contact", name="classifieds:contact_form", opt=LOGIN)
async def contact_form(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    ad = await visible_ad(request, ad_id)
    if ad["member_id"] == current_member(request).id or not services.is_public(ad):
        raise NotFoundException()
    context = {"ad": display(ad, locale_of(request), gettext_for(request).gettext), "errors": {}, "message": ""}
    return await render(request, "classifieds/pages/contact.html", context)


@post("/{ad_id:int}/contact", name="classifieds:contact", opt=LOGIN)
async def contact(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    """Relay a message to the poster by e-mail (neither address is shown to the other)."""
    member = current_member(request)
    ad = await visible_ad(request, ad_id)
    if ad["member_id"] == member.id or not services.is_public(ad):
        raise NotFoundException()
    text = str((await request.form()).get("message", "")).replace("\x00", "").strip()
    _ = gettext_for(request).gettext
    errors = {}
    if not text:
        errors["message"] = N_("Write your message.")
    elif len(text) > MAX_MESSAGE:
        errors["message"] = N_("This text is too long.")
    elif await services.recent_contacts(member.id, timedelta(hours=1)) >= CONTACTS_PER_HOUR:
        errors["message"] = N_("You sent many messages in the last hour. Please try again later.")
    if errors:
        context = {"ad": display(ad, locale_of(request), _), "errors": errors, "message": text[:MAX_MESSAGE]}
        return await render(request, "classifieds/pages/contact.html", context, status=400)
    site = request.scope["state"]["site"]
    url = site.url(f"/classifieds/{ad_id}")  # configured base URL, never the request's Host
    subject = _("About your ad “%(title)s”") % {"title": ad["title"]}
    body = (
        _("%(pseudonym)s wrote about your ad “%(title)s” (%(url)s):")
        % {
            "pseudonym": member.pseudonym,
            "title": ad["title"],
            "url": url,
        }
        + f"\n\n{text}\n\n"
        + _("Addresses are never shared: to answer, use the contact details the sender gave, if any.")
    )
    await send_member_email(ad["member_id"], subject, body, site=site.code)
    await services.record_contact(ad_id, member.id)
    notify = {
        "member_id": ad["member_id"],
        "kind": "classifieds.contact",
        "actor_id": member.id,
        "url": f"/classifieds/{ad_id}",
        "msgid": N_("%(actor)s contacted you about your ad"),
        "params": {},
    }
    await emit(
        request, Event("classifieds.contact.requested", site.code, member.id, {"ad_id": ad_id, "notify": [notify]})
    )
    return flash(Redirect(f"/classifieds/{ad_id}", status_code=303), _("Your message was sent."))


@get("/moderation", name="classifieds:moderation", opt=LOGIN)
async def queue(request: Request[Any, Any, Any]) -> Response[Any]:
    if not await allowed(request, "classifieds.moderate"):
        raise NotFoundException()
    site = request.scope["state"]["site"]
    locale, _ = locale_of(request), gettext_for(request).gettext
    rows = [display(r, locale, _) | {"reports": r["reports"]} for r in await services.review_queue(site.code)]
    return await render(request, "classifieds/pages/moderation.html", {"rows": rows, "reasons": REPORT_REASONS})


async def _moderate(request: Request[Any, Any, Any], ad_id: int, action: str) -> Response[Any]:
    site = request.scope["state"]["site"]
    if not await allowed(request, "classifieds.moderate"):
        raise NotFoundException()
    if await services.get_ad(ad_id, site.code) is None:
        raise NotFoundException()
    await services.set_hidden(ad_id, action == "hide")
    await audit(request, "classifieds.ad.hidden" if action == "hide" else "classifieds.ad.restored", f"ad:{ad_id}", {})
    return Redirect("/classifieds/moderation", status_code=303)


@post("/{ad_id:int}/hide", name="classifieds:hide", opt=LOGIN)
async def hide(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    return await _moderate(request, ad_id, "hide")


@post("/{ad_id:int}/restore", name="classifieds:restore", opt=LOGIN)
async def restore(request: Request[Any, Any, Any], ad_id: FromPath[int]) -> Response[Any]:
    return await _moderate(request, ad_id, "restore")


ROUTES = [report, contact_form, contact, queue, hide, restore]
