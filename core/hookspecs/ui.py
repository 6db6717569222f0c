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
        Navigation items with a dotted ``name`` (``<slug>.<page>``) and an
        explicit ``order``, or None. Items are sorted by ``(order, name)``;
        orders 900-999 are core's (operator console, account, log in).

    Example:
        @hookimpl
        def provide_nav_items(ctx):
            from core.api import NavItem, gettext_for

            _ = gettext_for(ctx.request).gettext
            return [NavItem(_("Hydration"), "/hydration/", order=300, members_only=True, name="hydration.index")]
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
        Core wraps each one; a sponsored plugin's fragments are labelled
        with its sponsor and shown only in sponsorable slots (docs/slots.md);
        the ``sponsored`` CSS class is reserved for that label.

    Example:
        @hookimpl
        def provide_fragments(slot, ctx):
            from core.api import Fragment

            if slot == "home.main" and ctx.allows("core.health_data"):
                return [Fragment(order=30, template="hydration/fragments/_card.html")]
            return None
    """


@hookspec
def provide_template_context(ctx: PageContext) -> dict[str, Any] | None:
    """Add variables to every template rendered on the site.

    Policy: collect, isolated.
    When: every page render on a site where the plugin is enabled.

    Args:
        ctx: Request, site, viewer and consent state of this render.

    Returns:
        A mapping merged into the template context. Every key must be the
        slug or start with ``<slug>_``; otherwise the plugin is marked
        degraded and its keys are dropped.

    Example:
        @hookimpl
        def provide_template_context(ctx):
            return {"hydration_goal": 8}  # keys start with the slug
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

    Example:
        @hookimpl
        def provide_assets(ctx):
            from core.api import Asset

            return [Asset("hydration.css")]  # served from static/hydration/hydration.css
    """
