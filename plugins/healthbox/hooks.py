"""Health Box hook implementations (thin: logic lives in services/sdk)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import msgspec

from core.api import (
    Asset,
    DemoContext,
    Fragment,
    NavItem,
    PageContext,
    Permission,
    StudyVariable,
    Tracker,
    TrackerEntry,
    all_trackers,
    edition_cached,
    get_member,
    gettext_for,
    hookimpl,
)
from plugins.healthbox import services
from plugins.healthbox.demo import seed_member
from plugins.healthbox.routes import router
from plugins.healthbox.sdk.fhir import PatientRef, iter_bundle_json, url_maker
from plugins.healthbox.sdk.fhir_scores import iter_score_entries
from plugins.healthbox.sharing import PERMISSION
from plugins.healthbox.study_values import VARIABLES, values_for
from plugins.healthbox.trackers import BUILTIN_TRACKERS

__all__ = [
    "erase_personal_data",
    "export_personal_data",
    "on_startup",
    "provide_assets",
    "provide_fragments",
    "provide_nav_items",
    "provide_study_variables",
    "register_permissions",
    "register_routes",
    "register_tracker_types",
    "resolve_study_values",
    "seed_demo_data",
    "store_tracker_entry",
]


@hookimpl
def register_routes() -> list[Any]:
    return [router]


@hookimpl
def register_tracker_types() -> list[Tracker]:
    return list(BUILTIN_TRACKERS)


@hookimpl
@edition_cached
def provide_nav_items(ctx: PageContext) -> list[NavItem]:
    label = gettext_for(ctx.request).gettext("Health Box")
    return [NavItem(label=label, href="/healthbox/", order=20, members_only=True)]


@hookimpl
def register_permissions() -> list[Permission]:
    # No role sees another member's chart by default: a friends plugin decides
    # through resolve_permission (see plugins/healthbox/sharing.py).
    return [Permission(PERMISSION, (), "See a friend's shared Health Box chart")]


@hookimpl
@edition_cached
def provide_assets(ctx: PageContext) -> list[Asset]:
    return [Asset("healthbox.css")]


@hookimpl
@edition_cached(visitors_only=True)
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    if slot == "home.main" and ctx.allows("core.health_data"):
        return [Fragment(order=20, template="healthbox/fragments/_home_card.html")]
    if slot == "me.privacy":
        return [Fragment(order=20, template="healthbox/fragments/_privacy.html")]
    return None


@hookimpl
async def export_personal_data(member_id: int) -> dict[str, Any]:
    """Entries (flat rows → CSV), questionnaire answers, settings, and a FHIR R4 Bundle.

    The Bundle's Patient carries the pseudonym only; questionnaire answers and
    scores (HSI included) are in it as QuestionnaireResponse + Observations.
    """
    records = await services.load_records(member_id)
    responses = await services.responses(member_id)
    entries = [
        {
            "tracker": r.tracker,
            "day": r.day,
            "recorded_at": r.recorded_at,
            "confirmed_outlier": r.confirmed_outlier,
            "source": r.source,
            **r.values,
        }
        for r in records
    ]
    member = await get_member(member_id)
    urls = url_maker()
    patient = PatientRef(next(urls), member.pseudonym if member else "member")
    trackers = services.known_trackers()
    scores = list(iter_score_entries(responses, trackers, patient, urls))
    bundle = "".join(
        iter_bundle_json(records, trackers, patient=patient, extra_entries=scores, timestamp=datetime.now(UTC))
    )
    return {
        "entries": entries,
        "questionnaires": responses,
        "settings": await services.get_settings(member_id),
        "fhir_bundle": msgspec.Raw(bundle.encode()),
    }


@hookimpl
def provide_study_variables(site: str) -> list[StudyVariable]:
    """Summary numbers partner studies may request (see plugins/healthbox/study_values.py)."""
    return list(VARIABLES.values())


@hookimpl
async def resolve_study_values(
    variable: str, member_ids: list[int], purpose: str, site: str, today: date
) -> dict[int, float] | None:
    """One number per consenting participant; None for variables that are not the Health Box's."""
    return await values_for(variable, member_ids, purpose, today)


@hookimpl
async def store_tracker_entry(entry: TrackerEntry) -> bool | None:
    """Store entries other plugins computed (``core.api.record_entry``) like form entries."""
    await services.save_recorded_entry(entry)
    return True


@hookimpl
async def on_startup(app: Any) -> None:
    """Remember every declared tracker (other plugins' too) for FHIR exports."""
    services.remember_trackers(all_trackers(app))


@hookimpl
async def erase_personal_data(member_id: int) -> None:
    await services.erase_member(member_id)


@hookimpl
async def seed_demo_data(ctx: DemoContext) -> None:
    for email in ("camille@demo.entraide.test", "oliver@demo.entraide.test", "lena@demo.entraide.test"):
        member = ctx.by_email.get(email)
        if member is not None:
            await seed_member(member.id, ctx.sites.by_code[member.site].tz, days=183)
