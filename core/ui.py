"""UI building blocks plugins return from site hooks.

Slots are documented in ``docs/slots.md``; templates call ``{{ slot("name") }}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar import Request

    from core.consent import ConsentState
    from core.members import MemberView
    from core.sites import Site

__all__ = [
    "SLOTS",
    "SPONSORABLE_SLOTS",
    "Asset",
    "Fragment",
    "NavItem",
    "PageContext",
    "SponsoredContext",
    "badge_event",
    "badge_html",
]

#: Every slot core templates expose, with what belongs there.
SLOTS: dict[str, str] = {
    "layout.head": "Extra <link>/<meta> tags in every page's <head> (no inline script).",
    "layout.banner": "Site-wide notices above the page content (e.g. maintenance, sponsored banner).",
    "layout.footer": "Links and notes in the footer of every page.",
    "home.main": "Cards on the home page of a logged-in member (e.g. Health Box summary).",
    "home.aside": "Side column of the home page (suggestions, sponsored content).",
    "home.public": "Blocks on the home page for visitors who are not logged in.",
    "me.sidebar": "Links in the account settings sidebar (/me).",
    "me.privacy": "Per-plugin privacy notes on /me/consents (what each feature stores).",
    "admin.dashboard": "Cards on the operator console home (/admin/).",
    "profile.actions": "Buttons on a member's public profile (args: member_id, pseudonym), e.g. add as a friend.",
    "profile.main": "Blocks under the health fields of a member's public profile (args: member_id, pseudonym).",
    "profile.condition": "Blocks on a condition page of the profile feature (args: code, family), e.g. counts.",
    "health.find_professional": (
        "Where a health feature suggests talking to a professional (e.g. MémoActiv's sustained-change notice):"
        " a way to find one, e.g. the directory's search for a general practitioner."
    ),
    "me.disclosures": "Rows on /me/disclosures: what a feature shared about the member with partners, when.",
    "partners.main": "Cards on the partner space (/partners/) for the partner role, e.g. their studies.",
    "profile.search": "Blocks under condition search results of the profile feature (args: codes), e.g. counts.",
}

#: Slots where fragments of sponsored plugins may appear (labelled by core); never on /admin/ or /me.
SPONSORABLE_SLOTS: frozenset[str] = frozenset({"layout.banner", "home.main", "home.aside", "home.public"})


@dataclass(frozen=True)
class PageContext:
    """What a site hook knows about the render it contributes to."""

    request: Request[Any, Any, Any]
    site: Site
    member: MemberView | None
    consent: ConsentState
    locale: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)
    """What the page tells its slots (see each slot in ``SLOTS``), e.g. ``{"member_id": 12}``."""

    def anonymous(self) -> PageContext:
        """The same render as seen by a visitor (what sponsored plugins get)."""
        from core.consent import ConsentState

        return replace(self, member=None, consent=ConsentState.empty())

    def allows(self, purpose: str) -> bool:
        """Whether the viewer has granted ``purpose`` (False when anonymous)."""
        return self.member is not None and self.consent.has(purpose)


@dataclass(frozen=True)
class SponsoredContext:
    """What the site hooks of a ``sponsored`` plugin get instead of a :class:`PageContext`.

    Never who is looking: no request, no member, no consent state. ``member``
    is always None and :meth:`allows` always False, so code written for a
    page context reads "a visitor".

    Attributes:
        site: The edition (configuration only).
        locale: The page language.
        segment: One coarse interest (an ICD-10 chapter key such as ``"XIII"``,
            see ``core.api.INTEREST_SEGMENTS``), only for members who granted
            ``core.sponsored_personalised``; otherwise None.
    """

    site: Site
    locale: str
    segment: str | None = None
    member: None = None
    args: dict[str, Any] = field(default_factory=dict, hash=False)

    def allows(self, purpose: str) -> bool:
        """Always False: a sponsored plugin never learns anyone's consents."""
        return False


@dataclass(frozen=True)
class Fragment:
    """A piece of HTML for one slot.

    Give either ``template`` (rendered with ``context`` in the site's Jinja
    environment) or ``html`` (already escaped/safe markup).

    ``sponsored`` and ``sponsor`` are kept for compatibility and ignored:
    core labels every fragment of a plugin of kind ``sponsored`` with the
    sponsor named in its ``META``, and refuses a fragment of any other
    plugin that sets ``sponsored=True`` or uses the reserved ``sponsored``
    CSS class.
    """

    order: int = 100
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    html: str | None = None
    sponsored: bool = False
    sponsor: str | None = None


@dataclass(frozen=True)
class NavItem:
    """An entry in the main navigation, sorted by ``(order, name)``.

    Attributes:
        label: Translated text of the link.
        href: Target path, e.g. ``"/healthbox/"``.
        order: Position, in documented ranges (docs/plugins.md): 1-99 daily
            tools (the Health Box is 20), 100-899 other features in steps of 10,
            900-999 reserved for core (operator console, account, log in, join).
        members_only: Hide the entry from visitors who are not logged in.
        name: Dotted ``<slug>.<page>`` identifier, e.g. ``"friends.list"``;
            breaks ties in ``order`` and lets themes and tests find an item.
        badge: A small count shown next to the label (unread items), or None.
    """

    label: str
    href: str
    order: int = 100
    members_only: bool = False
    name: str = ""
    badge: int | None = None


@dataclass(frozen=True)
class Asset:
    """A stylesheet or script served from a plugin's static folder.

    ``under`` limits it to pages whose path starts with that prefix (e.g.
    ``"/messages/"``), so a plugin can declare its assets once, cacheably,
    instead of looking at each request's path.
    """

    path: str
    kind: str = "css"
    under: str | None = None


def badge_event(name: str) -> str:
    """Server-sent event that updates the badge of nav item ``name`` (``messages.inbox`` → ``badge-messages-inbox``)."""
    return "badge-" + name.replace(".", "-").replace("_", "-")


def badge_html(count: int, translations: Any) -> str:
    """Inner HTML of a navigation badge: the count, and what it counts for screen readers ("" when zero)."""
    if count <= 0:
        return ""
    label = translations.ngettext("%(num)s new item", "%(num)s new items", count) % {"num": count}
    shown = "99+" if count > 99 else str(count)
    return f'<span aria-hidden="true">{shown}</span><span class="visually-hidden"> ({label})</span>'
