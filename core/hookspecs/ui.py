"""Request-time UI hooks, called only for plugins enabled on the site."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.hooks import hookspec

if TYPE_CHECKING:
    from core.ui import Asset, Fragment, NavItem, PageContext

__all__ = ["provide_assets", "provide_fragments", "provide_nav_items", "provide_template_context"]


@hookspec
def provide_nav_items(ctx: PageContext) -> list[NavItem] | None:
    """Offer entries for the main navigation.

    Policy: collect, isolated.
    When: every full-page render on a site where the plugin is enabled.

    Args:
        ctx: Request, site, viewer and consent state of this render.

    Returns:
        Navigation items with an explicit integer ``order``, or None.
    """


@hookspec
def provide_fragments(slot: str, ctx: PageContext) -> list[Fragment] | None:
    """Offer HTML fragments for one named slot of a page.

    Policy: collect, isolated.
    When: every render of a template calling ``slot(name)``.

    Args:
        slot: Slot id, e.g. "home.main" (see docs/slots.md).
        ctx: Request, site, viewer and consent state of this render.

    Returns:
        Fragments, each with an integer ``order`` (steps of 10), or None.
    """


@hookspec
def provide_template_context(ctx: PageContext) -> dict[str, Any] | None:
    """Add variables to every template rendered on the site.

    Policy: collect, isolated.
    When: every page render on a site where the plugin is enabled.

    Args:
        ctx: Request, site, viewer and consent state of this render.

    Returns:
        A mapping merged into the template context (keys prefixed by slug).
    """


@hookspec
def provide_assets(ctx: PageContext) -> list[Asset] | None:
    """Add stylesheets or scripts (served from the plugin's static dir).

    Policy: collect, isolated.
    When: every full-page render on a site where the plugin is enabled.

    Args:
        ctx: Request, site, viewer and consent state of this render.

    Returns:
        Assets, or None.
    """
