"""The public API plugins import. Anything not re-exported here is private.

A plugin talks to core through this module and hooks only, and to other
plugins only through hooks and events.
"""

from __future__ import annotations

from core.cli_types import CliCommand
from core.consent import Purpose, PurposeText
from core.db import transaction
from core.demo_types import DEMO_PASSWORD, DemoContext
from core.events import Event
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
from core.guards import ConsentRequired, LoginRequired, current_member, require_member
from core.hooks import hookimpl
from core.identity.forms import field
from core.identity.throttle import RateLimit, rate_limit, reset_rate_limit
from core.markdown import render_markdown
from core.meta import PluginMeta
from core.permissions import Permission
from core.privacy import ExportFile
from core.pubsub import Subscription, publish, subscribe
from core.render import consent_of, flash, gettext_for, page_context, render, runtime
from core.tables import Member
from core.ui import Asset, Fragment, NavItem, PageContext

__all__ = [
    "DEMO_PASSWORD",
    "Asset",
    "CliCommand",
    "ConsentRequired",
    "DemoContext",
    "Event",
    "ExportFile",
    "Fragment",
    "LoginRequired",
    "Member",
    "NavItem",
    "PageContext",
    "Permission",
    "Place",
    "PluginMeta",
    "Purpose",
    "PurposeText",
    "RateLimit",
    "Subscription",
    "bounding_box",
    "consent_of",
    "current_member",
    "distance_km",
    "field",
    "flash",
    "format_distance",
    "geocode",
    "gettext_for",
    "hookimpl",
    "nearest_place",
    "page_context",
    "publish",
    "rate_limit",
    "render",
    "render_markdown",
    "require_member",
    "reset_rate_limit",
    "runtime",
    "search_key",
    "subscribe",
    "suggest_places",
    "transaction",
]
