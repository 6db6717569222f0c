"""Small request-scoped helpers plugins use: settings view, edition, day, URLs, trackers.

Plugins get a :class:`PluginSettings` view, never :class:`core.settings.Settings`:
the secret key, SMTP credentials and database URL stay in the kernel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from core.context import active_runtime

if TYPE_CHECKING:
    from litestar import Litestar, Request

    from core.runtime import Runtime
    from core.sites import Site
    from core.trackers import Tracker

__all__ = [
    "PluginSettings",
    "all_trackers",
    "edition",
    "is_htmx",
    "settings",
    "site_of",
    "today",
    "trackers",
    "translations_for",
    "url_for",
]


@dataclass(frozen=True)
class PluginSettings:
    """The installation settings a plugin may read (no secret of any kind).

    Attributes:
        env: ``"dev"`` or ``"prod"``.
        debug: Debug mode (never in prod).
        demo: Demo mode (sample data, ``/dev/outbox``).
        https: Served over HTTPS.
        default_site: Code of the edition answering unknown hosts.
        licensed_instruments: Licensed questionnaires this operator may use.
    """

    env: str
    debug: bool
    demo: bool
    https: bool
    default_site: str
    licensed_instruments: tuple[str, ...]


def _runtime(source: Any) -> Runtime:
    if source is None:
        return active_runtime()
    app = getattr(source, "app", source)  # a request or the app itself
    return app.state.entraide  # type: ignore[no-any-return]


def settings(source: Request[Any, Any, Any] | Litestar | None = None) -> PluginSettings:
    """The settings view of the current (or given) application."""
    full = _runtime(source).settings
    return PluginSettings(
        env=full.env,
        debug=full.debug,
        demo=full.demo,
        https=full.https,
        default_site=full.default_site,
        licensed_instruments=tuple(full.licensed_instruments),
    )


def site_of(request: Request[Any, Any, Any]) -> Site:
    """The edition serving this request (code, locale, time zone, legal pack)."""
    return request.scope["state"]["site"]  # type: ignore[no-any-return]


def today(request: Request[Any, Any, Any]) -> date:
    """Today's date in the edition's time zone (health records are per local day)."""
    return site_of(request).today()


def is_htmx(request: Request[Any, Any, Any]) -> bool:
    """Whether htmx sent this request (``HX-Request: true``): answer with a fragment, not a page or redirect.

    The same test as ``bool(request.htmx)``, on any request class.
    """
    return request.headers.get("hx-request") == "true"


def url_for(request: Request[Any, Any, Any], name: str, **params: Any) -> str:
    """Path of a named route, e.g. ``url_for(request, "healthbox:tracker", slug="weight")``."""
    return request.app.route_reverse(name, **params)


def trackers(request: Request[Any, Any, Any]) -> list[Tracker]:
    """Trackers declared by plugins enabled on this request's edition (declaration order)."""
    enabled = request.scope["state"].get("enabled", frozenset())
    return [tracker for owner, tracker in _runtime(request).trackers.values() if owner in enabled]


def all_trackers(source: Request[Any, Any, Any] | Litestar | None = None) -> list[Tracker]:
    """Every tracker declared by an installed plugin, enabled or not (declaration order)."""
    return [tracker for _, tracker in _runtime(source).trackers.values()]


def translations_for(language: str) -> Any:
    """Merged catalogs (core and every plugin) for ``language``, outside a request.

    For text addressed to a member who is not the viewer (e-mail digests,
    warnings): use :attr:`core.api.MemberView.language`. In a request,
    ``gettext_for(request)`` follows the page's language instead.
    """
    from core.i18n import load_translations

    return load_translations(language, active_runtime().templates.locale_dirs)


def edition(code: str) -> Site | None:
    """An edition by code, outside a request (digests, CLI work); None when unknown."""
    return active_runtime().sites.get(code)
