"""All hook specifications, grouped by area.

Two families exist:

* **global** hooks (``register_*``, lifecycle, privacy) are called once for
  every *installed* plugin;
* **site** hooks (``provide_*``, ``resolve_*``, ``handle_event``) are called
  only for plugins *enabled* on the current site (see :class:`core.runtime.Runtime`).

The list of site hooks is :data:`SITE_HOOKS`; everything else is global.
"""

from __future__ import annotations

from core.hookspecs import app, consent, events, identity, privacy, research, ui

__all__ = [
    "MODULES",
    "SITE_HOOKS",
    "SPONSORED_HOOKS",
    "app",
    "consent",
    "events",
    "identity",
    "privacy",
    "research",
    "ui",
]

MODULES = (app, ui, identity, consent, privacy, events, research)

SITE_HOOKS = frozenset(
    {
        "provide_nav_items",
        "provide_fragments",
        "provide_template_context",
        "provide_assets",
        "resolve_permission",
        "resolve_related",
        "provide_study_variables",
        "resolve_study_values",
        "handle_event",
    }
)

#: The only hooks a plugin of kind ``sponsored`` may implement; core refuses to load one
#: implementing any other (see docs/plugins.md, "Sponsored plugins"). Its site hooks get a
#: :class:`core.ui.SponsoredContext` (edition, language, optional coarse interest segment).
SPONSORED_HOOKS = frozenset(
    {
        "register_routes",
        "register_template_dirs",
        "provide_fragments",
        "provide_assets",
    }
)
