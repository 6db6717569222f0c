"""Operator pages for sponsored plugins: campaigns per edition, with their counts.

Only operators (``core.manage_campaigns``). Creating a campaign enables the
sponsored plugin on its edition (sponsored plugins start disabled
everywhere); the plugin then shows only between the campaign's dates.
Every change is audited.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.admin.routes import audit
from core.forms import read_form
from core.guards import current_member
from core.render import flash, gettext_for, render, runtime
from core.request_helpers import today as edition_today
from core.sponsorship.campaigns import campaign_status, end_campaign, read_campaign, save_campaign
from core.sponsorship.reports import SLOT_LABELS, campaign_report, campaign_rows
from core.sponsorship.tables import Campaign

__all__ = ["router"]

OPT = {"permission": "core.manage_campaigns"}


async def _list_page(
    request: Request[Any, Any, Any], values: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> Response[Any]:
    rt = runtime(request)
    await rt.tally.flush()
    today = edition_today(request)
    campaigns = []
    for row in await campaign_rows():
        campaigns.append({**row, "status": campaign_status(row, today), "report": await campaign_report(row["id"])})
    defaults = {"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=30)).isoformat()}
    context = {
        "campaigns": campaigns,
        "plugins": [rt.registry.metas[s] for s in sorted(rt.sponsored)],
        "editions": list(rt.sites),
        "values": values or defaults,
        "errors": errors or {},
        "metas": dict(rt.registry.metas),
    }
    return await render(request, "core/admin/campaigns.html", context, status=400 if errors else 200)


@get("/", name="core:admin_campaigns", opt=OPT, include_in_schema=False)
async def campaigns_page(request: Request[Any, Any, Any]) -> Response[Any]:
    return await _list_page(request)


@post("/", name="core:admin_campaign_create", opt=OPT, include_in_schema=False)
async def create_campaign(request: Request[Any, Any, Any]) -> Response[Any]:
    rt = runtime(request)
    form = await read_form(request)
    values = await read_campaign(rt, form, today=edition_today(request))
    if values is None:
        return await _list_page(request, form.values, form.errors)
    campaign_id = await save_campaign(values)
    member = current_member(request)
    site = rt.site(values.site)
    if values.plugin not in await rt.enablement.enabled(site):
        await rt.enablement.set(site, values.plugin, True)
        await audit(member, "plugin.enabled", site=values.site, target=values.plugin)
    detail = {"name": values.name, "starts_on": str(values.starts_on), "ends_on": str(values.ends_on)}
    await audit(member, "campaign.created", site=values.site, target=f"{values.plugin}:{campaign_id}", detail=detail)
    message = gettext_for(request).gettext("Campaign saved.")
    return flash(Redirect(f"/admin/campaigns/{campaign_id}", status_code=303), message)


async def _detail_page(
    request: Request[Any, Any, Any],
    campaign_id: int,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response[Any]:
    rt = runtime(request)
    await rt.tally.flush()
    rows = await campaign_rows(campaign_id=campaign_id)
    if not rows:
        raise NotFoundException()
    row = rows[0]
    context = {
        "campaign": {**row, "status": campaign_status(row, edition_today(request))},
        "report": await campaign_report(campaign_id),
        "slot_labels": SLOT_LABELS,
        "values": values
        or {**{k: str(row[k]) for k in ("name", "starts_on", "ends_on")}, "partner": row["partner_pseudonym"] or ""},
        "errors": errors or {},
        "metas": dict(rt.registry.metas),
    }
    return await render(request, "core/admin/campaign.html", context, status=400 if errors else 200)


@get("/{campaign_id:int}", name="core:admin_campaign", opt=OPT, include_in_schema=False)
async def campaign_page(request: Request[Any, Any, Any], campaign_id: FromPath[int]) -> Response[Any]:
    return await _detail_page(request, campaign_id)


@post("/{campaign_id:int}", name="core:admin_campaign_update", opt=OPT, include_in_schema=False)
async def update_campaign(request: Request[Any, Any, Any], campaign_id: FromPath[int]) -> Response[Any]:
    """Change the name, dates or partner; plugin and edition stay (start a new campaign for others)."""
    row = await Campaign.select(Campaign.plugin, Campaign.site).where(Campaign.id == campaign_id).first()
    if row is None:
        raise NotFoundException()
    form = await read_form(request)
    form.raw = {**dict(form.raw), "plugin": row["plugin"], "site": row["site"]}
    values = await read_campaign(runtime(request), form, today=edition_today(request), campaign_id=campaign_id)
    if values is None:
        return await _detail_page(request, campaign_id, form.values, form.errors)
    await save_campaign(values, campaign_id)
    detail = {"name": values.name, "starts_on": str(values.starts_on), "ends_on": str(values.ends_on)}
    target = f"{values.plugin}:{campaign_id}"
    await audit(current_member(request), "campaign.updated", site=values.site, target=target, detail=detail)
    return flash(
        Redirect(f"/admin/campaigns/{campaign_id}", status_code=303), gettext_for(request).gettext("Campaign saved.")
    )


@post("/{campaign_id:int}/stop", name="core:admin_campaign_stop", opt=OPT, include_in_schema=False)
async def stop_campaign(request: Request[Any, Any, Any], campaign_id: FromPath[int]) -> Response[Any]:
    """End the campaign now: it ended yesterday (its counts stay)."""
    row = await Campaign.select().where(Campaign.id == campaign_id).first()
    if row is None:
        raise NotFoundException()
    yesterday = edition_today(request) - timedelta(days=1)
    if row["ends_on"] > yesterday:
        starts = min(row["starts_on"], yesterday)
        await end_campaign(campaign_id, starts, yesterday)
        target = f"{row['plugin']}:{campaign_id}"
        await audit(current_member(request), "campaign.stopped", site=row["site"], target=target)
    return flash(
        Redirect(f"/admin/campaigns/{campaign_id}", status_code=303), gettext_for(request).gettext("Campaign stopped.")
    )


router = Router(
    path="/admin/campaigns",
    route_handlers=[campaigns_page, create_campaign, campaign_page, update_campaign, stop_campaign],
)
