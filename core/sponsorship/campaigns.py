"""Campaigns: which sponsored plugin runs on which edition, when; validation and look-ups.

A sponsored plugin exists on an edition only while one of its campaigns
runs there (start and end dates inclusive, in the edition's time zone):
:func:`live_campaigns` is what the route gate and the slot gatherer ask, once
per request and only on editions where a sponsored plugin is enabled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from core.context import active_runtime
from core.i18n import N_
from core.middleware import runtime_of
from core.sponsorship.tables import Campaign
from core.tables import Member

if TYPE_CHECKING:
    from litestar import Request

    from core.forms import FormReader
    from core.runtime import Runtime

__all__ = [
    "CampaignInput",
    "CampaignsMemo",
    "campaign_status",
    "end_campaign",
    "live_campaigns",
    "live_campaigns_key",
    "live_campaigns_memo",
    "read_campaign",
    "restore_live_campaigns",
    "save_campaign",
]


async def live_campaigns(request: Request[Any, Any, Any]) -> dict[str, int]:
    """Sponsored plugin slug → id of its campaign running today on this edition.

    Asked on every page of an edition with a sponsored plugin enabled, so the
    answer is kept per worker for the edition and the day, keyed on the
    enablement counter that every campaign change moves (:func:`save_campaign`).
    """
    state = request.scope["state"]
    found: dict[str, int] | None = state.get("live_campaigns")
    if found is not None:
        return found
    rt = runtime_of(request.scope)
    candidates = rt.split_sponsored(state.get("enabled", frozenset()))[1]
    found = {}
    if candidates:
        site = state["site"]
        day = site.today()
        key = ("campaigns", site.code, candidates, day, rt.enablement.seen_version)
        cached = None if key[-1] is None else rt.hook_cache.get("*", key, None)
        if cached is not None:
            state["live_campaigns"], state["live_campaigns_key"] = cached, key
            return cached  # type: ignore[no-any-return]
        rows = (
            await Campaign.select(Campaign.id, Campaign.plugin)
            .where(
                (Campaign.site == site.code)
                & Campaign.plugin.is_in(sorted(candidates))
                & (Campaign.starts_on <= day)
                & (Campaign.ends_on >= day)
            )
            .order_by(Campaign.id)
        )
        for row in rows:
            found.setdefault(row["plugin"], int(row["id"]))
        if key[-1] is not None:
            rt.hook_cache.put("*", key, found)
            state["live_campaigns_key"] = key
    state["live_campaigns"] = found
    return found


def live_campaigns_key(request: Request[Any, Any, Any]) -> tuple[Any, ...] | None:
    """What identifies this request's :func:`live_campaigns` answer (None when it was not kept).

    What is built from the running campaigns (a page's merged slot plan) can
    be kept under it without listing them again on every page.
    """
    key: tuple[Any, ...] | None = request.scope["state"].get("live_campaigns_key")
    return key


#: A request's live campaigns and the key they are kept under (None: not kept).
CampaignsMemo = tuple[dict[str, int], tuple[Any, ...] | None]


def live_campaigns_memo(request: Request[Any, Any, Any]) -> CampaignsMemo | None:
    """This request's :func:`live_campaigns` answer and its kept key (None when it was not asked)."""
    state = request.scope["state"]
    found: dict[str, int] | None = state.get("live_campaigns")
    return None if found is None else (found, state.get("live_campaigns_key"))


def restore_live_campaigns(request: Request[Any, Any, Any], memo: CampaignsMemo) -> None:
    """Give this request the :func:`live_campaigns_memo` of an earlier one of the same edition, day and counter."""
    state = request.scope["state"]
    state["live_campaigns"], state["live_campaigns_key"] = memo


def campaign_status(row: dict[str, Any], day: date) -> str:
    """``scheduled``, ``running`` or ``ended`` on ``day``."""
    if day < row["starts_on"]:
        return "scheduled"
    return "running" if day <= row["ends_on"] else "ended"


@dataclass(frozen=True)
class CampaignInput:
    """A checked campaign form: what to store."""

    plugin: str
    site: str
    name: str
    partner_id: int | None
    starts_on: date
    ends_on: date


async def read_campaign(
    rt: Runtime, form: FormReader, *, today: date, campaign_id: int | None = None
) -> CampaignInput | None:
    """Check a campaign form; None with ``form.errors`` filled when anything is wrong.

    Args:
        rt: The runtime (installed sponsored plugins, editions).
        form: The submitted form (plugin, site, name, partner, starts_on, ends_on).
        today: Today in the operator's edition (an end date before it is refused).
        campaign_id: The campaign being edited (excluded from the overlap check).
    """
    plugin = form.choice("plugin", sorted(rt.sponsored), required=True)
    code = form.choice("site", [s.code for s in rt.sites], required=True)
    name = form.text("name", required=True, max_length=80)
    starts = form.date("starts_on", required=True, allow_future=True)
    ends = form.date("ends_on", required=True, allow_future=True)
    if starts and ends and ends < starts:
        form.errors.setdefault("ends_on", form._(N_("The end date must be on or after the start date.")))
    elif ends and ends < today:
        form.errors.setdefault("ends_on", form._(N_("The end date is in the past.")))
    if plugin and code and not rt.enablement.allowed_on(plugin, rt.site(code)):
        form.errors.setdefault("site", form._(N_("This plugin is not available on that edition.")))
    partner_id = await _partner(form)
    if form.errors or not (plugin and code and starts and ends):
        return None
    clash = await _overlap(plugin, code, starts, ends, campaign_id)
    if clash:
        message = form._(N_("Campaign “%(name)s” already runs there from %(start)s to %(end)s."))
        form.errors["starts_on"] = message % {
            "name": clash["name"],
            "start": clash["starts_on"],
            "end": clash["ends_on"],
        }
        return None
    return CampaignInput(plugin, code, name, partner_id, starts, ends)


async def _partner(form: FormReader) -> int | None:
    """The partner account named by pseudonym (optional); must hold the partner role."""
    pseudonym = form.text("partner", max_length=30)
    if not pseudonym:
        return None
    from core.identity.validation import normalise_pseudonym

    row = (
        await Member.select(Member.id, Member.role)
        .where(Member.pseudonym_key == normalise_pseudonym(pseudonym))
        .first()
    )
    if row is None or row["role"] != "partner":
        form.errors["partner"] = form._(
            N_("No partner account has this pseudonym: give the account the partner role in Members first.")
        )
        return None
    return int(row["id"])


async def _overlap(plugin: str, code: str, starts: date, ends: date, exclude: int | None) -> dict[str, Any] | None:
    query = Campaign.select(Campaign.name, Campaign.starts_on, Campaign.ends_on).where(
        (Campaign.plugin == plugin)
        & (Campaign.site == code)
        & (Campaign.starts_on <= ends)
        & (Campaign.ends_on >= starts)
    )
    if exclude is not None:
        query = query.where(Campaign.id != exclude)
    return await query.first()  # type: ignore[no-any-return]


async def save_campaign(values: CampaignInput, campaign_id: int | None = None) -> int:
    """Insert or update; returns the campaign id."""
    fields: dict[Any, Any] = {
        Campaign.plugin: values.plugin,
        Campaign.site: values.site,
        Campaign.name: values.name,
        Campaign.partner: values.partner_id,
        Campaign.starts_on: values.starts_on,
        Campaign.ends_on: values.ends_on,
    }
    async with active_runtime().enablement.bumping():  # every worker forgets the campaigns it knew
        if campaign_id is not None:
            await Campaign.update(fields).where(Campaign.id == campaign_id)
            return campaign_id
        values_by_name: dict[str, Any] = {column._meta.name: value for column, value in fields.items()}
        row = Campaign(**values_by_name, created_at=datetime.now(UTC))
        await row.save()
    return int(row.id)


async def end_campaign(campaign_id: int, starts_on: date, ends_on: date) -> None:
    """Move a campaign's dates so it has ended (workers forget it at once)."""
    async with active_runtime().enablement.bumping():
        await Campaign.update({Campaign.ends_on: ends_on, Campaign.starts_on: starts_on}).where(
            Campaign.id == campaign_id
        )
