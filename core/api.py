"""The public API plugins import. Anything not re-exported here is private.

A plugin talks to core through this module and hooks only, and to other
plugins only through hooks and events (see docs/plugins.md). Names here
follow the API stability policy: they change only with a deprecation that
keeps the old name working for one minor version (module ``__getattr__``
below) with a ``DeprecationWarning`` naming the replacement.
"""

from __future__ import annotations

import warnings
from typing import Any

from core.audit import audit, audit_trail
from core.cli_common import run_with_app
from core.cli_types import CliCommand
from core.consent import Purpose, PurposeText
from core.db import transaction
from core.demo_types import DEMO_PASSWORD, DemoContext
from core.events import Event
from core.formatting import Formats, french_typography
from core.forms import FormReader, read_form
from core.gazetteer import (
    Place,
    bounding_box,
    distance_km,
    format_distance,
    geocode,
    nearest_place,
    suggest_places,
)
from core.gazetteer import place_key as search_key
from core.guards import ConsentRequired, LoginRequired, require_member
from core.hookcache import edition_cached
from core.hooks import hookimpl
from core.i18n import N_
from core.identity.forms import field
from core.identity.throttle import RateLimit, rate_limit, reset_rate_limit
from core.images import ImageRejected, ProcessedImage, process_image
from core.kernel import allowed, answered, emit, has_consent, related, send_member_email
from core.live import publish_badge
from core.markdown import render_markdown
from core.media import delete_media, media_path, save_media
from core.members import (
    MemberView,
    current_member,
    find_member,
    get_member,
    get_members,
    member_foreign_key,
    mentioned_members,
    viewer,
    viewer_age,
)
from core.meta import PluginMeta
from core.permissions import Permission
from core.prepared import Prepared, prepared
from core.privacy import ExportFile
from core.pubsub import Subscription, publish, subscribe
from core.render import consent_of, flash, formats_for, gettext_for, locale_of, page_context, render
from core.request_helpers import (
    PluginSettings,
    all_trackers,
    edition,
    is_htmx,
    settings,
    site_of,
    today,
    trackers,
    translations_for,
    url_for,
)
from core.research import StudyVariable, members_consenting, record_consent, study_values, study_variables
from core.sites import Site
from core.tracker_numbers import as_decimal, format_number, parse_feet_inches, parse_locale_decimal, round_half_up
from core.tracker_records import EntryRejected, TrackerEntry, record_entry
from core.tracker_validation import (
    CONFIRM_FIELD,
    DATE_FIELD,
    EntryResult,
    FieldError,
    NumberFormat,
    parse_value,
    validate_entry,
)
from core.trackers import (
    DISCLAIMER,
    KEY_PATTERN,
    SLUG_PATTERN,
    Band,
    Cadence,
    ChartSpec,
    Check,
    Choice,
    Derived,
    DisplayUnit,
    FhirCategory,
    Issue,
    Message,
    Metric,
    MetricKind,
    QuestionItem,
    Questionnaire,
    Tracker,
    find_band,
)
from core.ui import Asset, Fragment, NavItem, PageContext

__all__ = [
    "CONFIRM_FIELD",
    "DATE_FIELD",
    "DEMO_PASSWORD",
    "DISCLAIMER",
    "KEY_PATTERN",
    "N_",
    "SLUG_PATTERN",
    "Asset",
    "Band",
    "Cadence",
    "ChartSpec",
    "Check",
    "Choice",
    "CliCommand",
    "ConsentRequired",
    "DemoContext",
    "Derived",
    "DisplayUnit",
    "EntryRejected",
    "EntryResult",
    "Event",
    "ExportFile",
    "FhirCategory",
    "FieldError",
    "FormReader",
    "Formats",
    "Fragment",
    "ImageRejected",
    "Issue",
    "LoginRequired",
    "MemberView",
    "Message",
    "Metric",
    "MetricKind",
    "NavItem",
    "NumberFormat",
    "PageContext",
    "Permission",
    "Place",
    "PluginMeta",
    "PluginSettings",
    "Prepared",
    "ProcessedImage",
    "Purpose",
    "PurposeText",
    "QuestionItem",
    "Questionnaire",
    "RateLimit",
    "Site",
    "StudyVariable",
    "Subscription",
    "Tracker",
    "TrackerEntry",
    "all_trackers",
    "allowed",
    "answered",
    "as_decimal",
    "audit",
    "audit_trail",
    "bounding_box",
    "consent_of",
    "current_member",
    "delete_media",
    "distance_km",
    "edition",
    "edition_cached",
    "emit",
    "field",
    "find_band",
    "find_member",
    "flash",
    "format_distance",
    "format_number",
    "formats_for",
    "french_typography",
    "geocode",
    "get_member",
    "get_members",
    "gettext_for",
    "has_consent",
    "hookimpl",
    "is_htmx",
    "locale_of",
    "media_path",
    "member_foreign_key",
    "members_consenting",
    "mentioned_members",
    "nearest_place",
    "page_context",
    "parse_feet_inches",
    "parse_locale_decimal",
    "parse_value",
    "prepared",
    "process_image",
    "publish",
    "publish_badge",
    "rate_limit",
    "read_form",
    "record_consent",
    "record_entry",
    "related",
    "render",
    "render_markdown",
    "require_member",
    "reset_rate_limit",
    "round_half_up",
    "run_with_app",
    "save_media",
    "search_key",
    "send_member_email",
    "settings",
    "site_of",
    "study_values",
    "study_variables",
    "subscribe",
    "suggest_places",
    "today",
    "trackers",
    "transaction",
    "translations_for",
    "url_for",
    "validate_entry",
    "viewer",
    "viewer_age",
]


def _member_table() -> Any:
    from core.tables import Member

    return Member


def _runtime() -> Any:
    from core.render import runtime

    return runtime


#: Names removed from the public API: (loader, replacement, removal version).
_MOVED: dict[str, tuple[Any, str, str]] = {
    "Member": (_member_table, "core.api.MemberView / get_member / member_foreign_key", "0.2"),
    "runtime": (_runtime, "core.api.settings / trackers / allowed / emit", "0.2"),
}


def __getattr__(name: str) -> Any:
    """Keep moved names working for one minor version, with a DeprecationWarning."""
    if name in _MOVED:
        loader, replacement, removal = _MOVED[name]
        warnings.warn(
            f"core.api.{name} is deprecated: use {replacement}; it will be removed in Entraide {removal}",
            DeprecationWarning,
            stacklevel=2,
        )
        return loader()
    raise AttributeError(f"module 'core.api' has no attribute {name!r} (names not in core.api.__all__ are private)")
