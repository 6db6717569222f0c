"""The partner space (``/partners/``), the click counter and programme membership.

* ``/partners/``: a partner's own campaigns with their counts, and the
  ``partners.main`` slot where features add theirs (e.g. studies). Another
  partner's campaign is a 404, like anything that does not exist.
* ``/partners/go/<campaign>``: counts one click, then redirects to a page of
  the sponsored plugin. No cookie, no member id: a counter.
* ``/partners/programmes/<plugin>``: a member joins or leaves a sponsor's
  programme on this edition (reserved content).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from core.guards import current_member
from core.render import flash, gettext_for, render
from core.request_helpers import today as edition_today
from core.sponsorship import programmes
from core.sponsorship.campaigns import campaign_status, live_campaigns
from core.sponsorship.links import safe_target
from core.sponsorship.reports import SLOT_LABELS, campaign_report, campaign_rows, report_csv
from core.sponsorship.tally import PAGE_SLOT
from core.ui import SPONSORABLE_SLOTS

__all__ = ["router"]

OPT = {"permission": "core.partner"}


async def _own_campaign(request: Request[Any, Any, Any], campaign_id: int) -> dict[str, Any]:
    await request.app.state.entraide.tally.flush()  # this worker's latest counts first
    rows = await campaign_rows(partner_id=current_member(request).id, campaign_id=campaign_id)
    if not rows:
        raise NotFoundException()
    return rows[0]


@get("/", name="core:partners", opt=OPT, include_in_schema=False)
async def partners_home(request: Request[Any, Any, Any]) -> Response[Any]:
    await request.app.state.entraide.tally.flush()
    today = edition_today(request)
    campaigns = []
    for row in await campaign_rows(partner_id=current_member(request).id):
        report = await campaign_report(row["id"])
        campaigns.append({**row, "status": campaign_status(row, today), "report": report})
    return await render(request, "core/pages/partners.html", {"campaigns": campaigns, "metas": _metas(request)})


@get("/campaigns/{campaign_id:int}", name="core:partner_campaign", opt=OPT, include_in_schema=False)
async def partner_campaign(request: Request[Any, Any, Any], campaign_id: FromPath[int]) -> Response[Any]:
    row = await _own_campaign(request, campaign_id)
    context = {
        "campaign": {**row, "status": campaign_status(row, edition_today(request))},
        "report": await campaign_report(campaign_id),
        "slot_labels": SLOT_LABELS,
        "metas": _metas(request),
        "csv_url": f"/partners/campaigns/{campaign_id}/counts.csv",
    }
    return await render(request, "core/pages/partner_campaign.html", context)


@get("/campaigns/{campaign_id:int}/counts.csv", name="core:partner_campaign_csv", opt=OPT, include_in_schema=False)
async def partner_campaign_csv(request: Request[Any, Any, Any], campaign_id: FromPath[int]) -> Response[Any]:
    await _own_campaign(request, campaign_id)
    disposition = f'attachment; filename="campaign-{campaign_id}-counts.csv"'
    return Response(
        await report_csv(campaign_id),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": disposition},
    )


def _metas(request: Request[Any, Any, Any]) -> dict[str, Any]:
    return dict(request.app.state.entraide.registry.metas)


@get("/go/{campaign_id:int}", name="core:sponsored_click", include_in_schema=False)
async def sponsored_click(
    request: Request[Any, Any, Any], campaign_id: FromPath[int], slot: FromQuery[str] = "", to: FromQuery[str] = ""
) -> Response[Any]:
    """One click on sponsored content: counted per campaign, day and slot, then on to the plugin's page."""
    live = await live_campaigns(request)
    plugin = next((slug for slug, cid in live.items() if cid == campaign_id), None)
    if plugin is None:
        raise NotFoundException()
    where = slot if slot in SPONSORABLE_SLOTS or slot == PAGE_SLOT else PAGE_SLOT
    request.app.state.entraide.tally.add(campaign_id, edition_today(request), where, "clicks")
    return Redirect(safe_target(plugin, to), status_code=303)


@post("/programmes/{plugin:str}", name="core:programme", opt={"login": True}, include_in_schema=False)
async def programme(request: Request[Any, Any, Any], plugin: FromPath[str]) -> Response[Any]:
    """Join or leave a sponsor's programme on this edition (only while its campaign runs)."""
    if plugin not in await live_campaigns(request) or not programmes.has_programme(request, plugin):
        raise NotFoundException()
    member = current_member(request)
    site = request.scope["state"]["site"].code
    _ = gettext_for(request).gettext
    name = request.app.state.entraide.registry.metas[plugin].name
    if (await request.form()).get("action") == "leave":
        await programmes.leave(member.id, site, plugin)
        message = _("You left the %(name)s programme.") % {"name": name}
    else:
        await programmes.join(member.id, site, plugin)
        message = _("You joined the %(name)s programme. The partner does not know who you are.") % {"name": name}
    return flash(Redirect(f"/{plugin}/", status_code=303), message)


router = Router(
    path="/partners",
    route_handlers=[partners_home, partner_campaign, partner_campaign_csv, sponsored_click, programme],
)
