"""Sharing one tracker's chart with friends.

The owner ticks "share with my friends" per tracker. Who counts as a friend
is not the Health Box's business: it asks ``resolve_permission`` for
``healthbox.view_shared_chart`` with a :class:`SharedChart` object, and a
friends plugin answers. With no such plugin, or without the owner's
health-data consent, nobody sees anything (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from markupsafe import Markup

from core.api import allowed, current_member, get_member, gettext_for, has_consent, render
from plugins.healthbox import services
from plugins.healthbox.page_charts import chart_labels
from plugins.healthbox.sdk.tracker_charts import render_tracker_chart, tracker_table

__all__ = ["PERMISSION", "SharedChart", "setting_name", "shared_chart"]

PERMISSION = "healthbox.view_shared_chart"


@dataclass(frozen=True)
class SharedChart:
    """The object a permission hook decides on: whose chart, which tracker."""

    owner_id: int
    tracker: str


def setting_name(tracker: str) -> str:
    return f"share_{tracker}"


@get("/shared/{owner_id:int}/{slug:str}/", name="healthbox:shared", opt={"login": True})
async def shared_chart(request: Request[Any, Any, Any], owner_id: FromPath[int], slug: FromPath[str]) -> Response[Any]:
    """A friend's shared chart: 90 days, no history, no form."""
    from plugins.healthbox.routes import today_for, tracker_or_404

    viewer = current_member(request)
    tracker = tracker_or_404(request, slug)
    settings = await services.get_settings(owner_id)
    may_see = (
        viewer.id != owner_id
        and settings.get(setting_name(slug)) is True
        and await allowed(request, PERMISSION, SharedChart(owner_id, slug))
        and await has_consent(owner_id, "core.health_data")
    )
    if not may_see:
        raise NotFoundException()
    owner = await get_member(owner_id)
    _ = gettext_for(request).gettext
    since = today_for(request) - timedelta(days=89)
    records = await services.load_records(owner_id, [slug], since=since)
    labels = chart_labels(request)
    chart = render_tracker_chart(tracker, records, gettext=_, ident=f"shared-{slug}", labels=labels)
    return await render(
        request,
        "healthbox/pages/shared.html",
        {
            "tracker": tracker,
            "owner": owner.pseudonym if owner else "",
            "chart": Markup(chart),  # noqa: S704 - the SDK escapes every text node
            "table": tracker_table(tracker, records, gettext=_, labels=labels),
        },
    )
