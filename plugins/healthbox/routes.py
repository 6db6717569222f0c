"""Health Box pages under ``/healthbox/`` (all need the health-data consent)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Stream
from markupsafe import Markup

from core.api import (
    CONFIRM_FIELD,
    DATE_FIELD,
    Tracker,
    answered,
    current_member,
    flash,
    formats_for,
    gettext_for,
    locale_of,
    render,
    today,
    trackers,
    validate_entry,
    viewer_age,
)
from plugins.healthbox import dashboard as dashboard_cards
from plugins.healthbox import services
from plugins.healthbox.entry_context import remember_units, tobacco_page_help, weight_context
from plugins.healthbox.forms import error_labels, form_fields, render_errors
from plugins.healthbox.page_charts import chart_labels, derived_charts
from plugins.healthbox.questionnaire_routes import (
    available,
    licensed,
    questionnaire_page,
    questionnaire_submit,
)
from plugins.healthbox.sdk.csv_export import iter_csv
from plugins.healthbox.sdk.records import EntryRecord
from plugins.healthbox.sdk.tracker_charts import render_tracker_chart, tracker_table
from plugins.healthbox.settings_routes import request_format, settings_form_context, settings_submit
from plugins.healthbox.sharing import PERMISSION, setting_name, shared_chart
from plugins.healthbox.summaries import insight_for
from plugins.healthbox.units import unit_for

__all__ = ["enabled_trackers", "router", "today_for", "tracker_or_404"]

OPT = {"consent": "core.health_data"}
RANGES = (7, 30, 90, 365)
PAGE_SIZE = 20


def enabled_trackers(request: Request[Any, Any, Any]) -> list[Tracker]:
    """Trackers whose declaring plugin is enabled on this edition."""
    return trackers(request)


def tracker_or_404(request: Request[Any, Any, Any], slug: str) -> Tracker:
    for tracker in enabled_trackers(request):
        if tracker.slug == slug:
            return tracker
    raise NotFoundException()


def today_for(request: Request[Any, Any, Any]) -> date:
    """Today in the edition's time zone: day boundaries for health records."""
    return today(request)


def _age(request: Request[Any, Any, Any]) -> int | None:
    return viewer_age(request)


@get("/", name="healthbox:dashboard", opt=OPT)
async def dashboard(request: Request[Any, Any, Any]) -> Response[Any]:
    member = current_member(request)
    _ = gettext_for(request).gettext
    today = today_for(request)
    trackers = enabled_trackers(request)
    cards = await dashboard_cards.cards(member.id, trackers, today, locale_of(request), _, chart_labels(request))
    settings = await services.get_settings(member.id)
    form = settings_form_context(settings, request_format(request))
    ctx = {"cards": cards, "settings": settings, "form": form, "errors": {}}
    return await render(request, "healthbox/pages/dashboard.html", ctx)


async def _page_context(request: Request[Any, Any, Any], tracker: Tracker, days: int, page: int) -> dict[str, Any]:
    member = current_member(request)
    _ = gettext_for(request).gettext
    today = today_for(request)
    records = await services.load_records(member.id, [tracker.slug])
    shown = [r for r in records if (today - r.day).days < days]
    history = list(reversed(records))
    settings = await services.get_settings(member.id)
    existing = next((r for r in history if r.day == today), None)
    labels = chart_labels(request)
    chart = render_tracker_chart(tracker, shown, gettext=_, ident=f"chart-{tracker.slug}", labels=labels)
    return {
        "tracker": tracker,
        "days": days,
        "ranges": RANGES,
        "today": today,
        # The SDK escapes every text node of the SVG it builds.
        "chart": Markup(chart),  # noqa: S704
        "table": tracker_table(tracker, shown, gettext=_, labels=labels),
        "extra_charts": derived_charts(tracker, shown, _, labels),
        "history": history[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "page": page,
        "has_next": len(history) > page * PAGE_SIZE,
        "columns": [tracker.lookup(k) for k in tracker.keys],
        "insight": insight_for(tracker.slug, records, settings, today, _, _age(request), locale_of(request)),
        "values": dict(existing.values) if existing else {},
        "date_value": today.isoformat(),
        "questionnaires": [q for q in tracker.questionnaires if available(request, q)],
        "questionnaires_off": [
            q for q in tracker.questionnaires if licensed(request, q) and not q.offered_in(locale_of(request))
        ],
        "help": await tobacco_page_help(request, member.id, records, today) if tracker.slug == "tobacco" else None,
        "shared": settings.get(setting_name(tracker.slug)) is True,
        # Offered only when an enabled plugin decides who may see a shared chart.
        "can_share": await answered(request, PERMISSION),
        "member_id": member.id,
        "error_labels": error_labels(tracker, _),
        "error_anchors": {d.key: "hb-entry-form" for d in tracker.derived},
        # Today's entry is in the form: saving edits it without asking again.
        "replaces": today.isoformat() if existing else "",
        "replace_day": None,
        "units": {m.key: unit_for(m, settings, request_format(request)) for m in tracker.metrics},
    }


@get("/{slug:str}/", name="healthbox:tracker", opt=OPT)
async def tracker_page(
    request: Request[Any, Any, Any], slug: FromPath[str], days: FromQuery[int] = 30, page: FromQuery[int] = 1
) -> Response[Any]:
    tracker = tracker_or_404(request, slug)
    days = days if days in RANGES else 30
    ctx = await _page_context(request, tracker, days, max(page, 1))
    ctx["fields"] = form_fields(tracker, ctx["values"], {}, {}, ctx["units"], request_format(request))
    return await render(request, "healthbox/pages/tracker.html", {**ctx, "errors": {}, "confirm": False})


async def _raw_form(request: Request[Any, Any, Any], tracker: Tracker) -> tuple[dict[str, str], dict[str, str], bool]:
    form = await request.form()
    raw = {k: str(v)[:2000] for k, v in form.items() if isinstance(v, str) and k != "_csrf_token"}
    for metric in tracker.metrics:
        if metric.multiple:
            raw[metric.key] = ",".join(str(v) for v in form.getall(metric.key, []) if isinstance(v, str))
    units = {m.key: raw.pop(f"unit_{m.key}") for m in tracker.metrics if f"unit_{m.key}" in raw}
    return raw, units, raw.get(CONFIRM_FIELD) in ("1", "on", "yes")


async def _form_again(
    request: Request[Any, Any, Any],
    tracker: Tracker,
    raw: dict[str, str],
    units: dict[str, str],
    errors: dict[str, str],
    confirm_msgs: dict[str, str],
    *,
    status: int,
    replace_day: date | None = None,
) -> Response[Any]:
    """The tracker page with the posted values kept, errors or a question shown."""
    ctx = await _page_context(request, tracker, 30, 1)
    fmt = request_format(request)
    ctx["fields"] = form_fields(tracker, raw, errors, confirm_msgs, {**ctx["units"], **units}, fmt)
    ctx["date_value"] = raw.get(DATE_FIELD, ctx["today"].isoformat())
    ctx["replaces"] = raw.get("replaces", "")
    ctx["replace_day"] = replace_day
    confirm = bool(confirm_msgs) and not errors
    return await render(
        request, "healthbox/pages/tracker.html", {**ctx, "errors": errors, "confirm": confirm}, status=status
    )


@post("/{slug:str}/", name="healthbox:save", opt=OPT)
async def tracker_submit(request: Request[Any, Any, Any], slug: FromPath[str]) -> Response[Any]:
    member = current_member(request)
    tracker = tracker_or_404(request, slug)
    _ = gettext_for(request).gettext
    today = today_for(request)
    raw, units, confirm = await _raw_form(request, tracker)
    fmt = request_format(request)
    checks: list[Any] = []
    if tracker.slug == "weight":
        checks = await weight_context(member.id, raw, units, fmt)
    result = validate_entry(
        tracker, raw, unit_choices=units, today=today, confirm_outliers=confirm, extra_checks=checks, fmt=fmt
    )
    if not result.ok:
        errors = render_errors(result.errors, _)
        confirm_msgs = render_errors(result.needs_confirmation, _)
        return await _form_again(request, tracker, raw, units, errors, confirm_msgs, status=400)
    record = EntryRecord.from_result(tracker.slug, result, datetime.now(UTC), request.state.site.tz)
    if raw.get("replaces") != record.day.isoformat() and await services.has_entry(member.id, tracker.slug, record.day):
        # A second entry for the same day would silently replace the first: ask first.
        return await _form_again(request, tracker, raw, units, {}, {}, status=409, replace_day=record.day)
    await services.save_entry(member.id, record)
    await remember_units(member.id, tracker, units, fmt)
    if tracker.slug == "weight" and "height" in result.values:
        await services.set_setting(member.id, "height_cm", result.values["height"])
    return flash(
        Redirect(f"/healthbox/{tracker.slug}/", status_code=303),
        _("Entry saved for %(day)s.") % {"day": formats_for(request).date(record.day)},
    )


@post("/{slug:str}/entries/{day:str}/delete", name="healthbox:delete", opt=OPT)
async def entry_delete(request: Request[Any, Any, Any], slug: FromPath[str], day: FromPath[str]) -> Response[Any]:
    member = current_member(request)
    tracker = tracker_or_404(request, slug)
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise NotFoundException() from None
    if not await services.delete_entry(member.id, tracker.slug, when):
        raise NotFoundException()
    _ = gettext_for(request).gettext
    return flash(Redirect(f"/healthbox/{tracker.slug}/", status_code=303), _("Entry deleted."))


@get("/export.csv", name="healthbox:export_csv", opt=OPT)
async def export_csv(request: Request[Any, Any, Any], tracker: FromQuery[str | None] = None) -> Response[Any]:
    """CSV of one tracker's entries (``?tracker=SLUG``)."""
    member = current_member(request)
    known = {t.slug: t for t in enabled_trackers(request)}
    if not tracker or tracker not in known:
        detail = f"Give ?tracker= one of: {', '.join(sorted(known))}"
        return Response({"status_code": 400, "detail": detail}, status_code=400)
    records = await services.load_records(member.id, [tracker])
    return Stream(
        iter_csv(known[tracker], records),
        media_type="text/csv",  # Litestar adds "; charset=utf-8"
        headers={"Content-Disposition": f'attachment; filename="healthbox-{tracker}.csv"'},
    )


@post("/{slug:str}/share", name="healthbox:share", opt=OPT)
async def share_toggle(request: Request[Any, Any, Any], slug: FromPath[str]) -> Response[Any]:
    """Share (or stop sharing) this tracker's chart with friends."""
    member = current_member(request)
    tracker = tracker_or_404(request, slug)
    form = await request.form()
    shared = form.get("share") == "1"
    if shared and not await answered(request, PERMISSION):
        raise NotFoundException()  # no plugin knows who the member's friends are
    await services.set_setting(member.id, setting_name(tracker.slug), shared)
    _ = gettext_for(request).gettext
    message = _("Your friends can now see this chart.") if shared else _("This chart is private again.")
    return flash(Redirect(f"/healthbox/{tracker.slug}/", status_code=303), message)


router = Router(
    path="/healthbox",
    route_handlers=[
        dashboard,
        export_csv,
        settings_submit,
        tracker_page,
        tracker_submit,
        entry_delete,
        questionnaire_page,
        questionnaire_submit,
        shared_chart,
        share_toggle,
    ],
)
