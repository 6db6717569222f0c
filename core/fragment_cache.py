"""Rendered fragments kept per edition and language when their template reads nothing personal.

A fragment is rendered on every page that shows its slot. Many fragments
(a sponsored card, a public teaser) read only what is the same for every
visitor of an edition in a language: ``site``, ``lang``, ``formats``… plus
their own ``Fragment.context``. For those, the HTML is kept and reused.

Whether a template is such a one is decided from its source, once per
compiled template: every name it reads must be in the allowed set, and it
may not include, import or extend another template (whose names would go
unchecked). Anything else (``request``, ``member``, ``csrf_token``,
``consent``…) makes the fragment render on every request, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import meta, nodes

if TYPE_CHECKING:
    import jinja2

__all__ = ["STABLE_NAMES", "cache_key"]

#: Page-context names whose value depends only on the edition, its language and the process.
STABLE_NAMES = frozenset({"site", "lang", "lang_tag", "formats", "url_for", "demo", "edition_links"})
#: Names a sponsored fragment may read besides those: its segment and its counting link.
SPONSORED_EXTRA = frozenset({"segment", "click_url"})
_NAMES_ATTR = "entraide_read_names"
_CLOSED = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


def _read_names(env: jinja2.Environment, template: jinja2.Template) -> frozenset[str] | None:
    """Names the template reads from its context; None when it pulls in other templates."""
    if hasattr(template, _NAMES_ATTR):
        found: frozenset[str] | None = getattr(template, _NAMES_ATTR)
        return found
    names: frozenset[str] | None = None
    try:
        if env.loader is not None and template.name is not None:
            source = env.loader.get_source(env, template.name)[0]
            tree = env.parse(source)
            if not any(True for _ in tree.find_all(_CLOSED)):
                names = frozenset(meta.find_undeclared_variables(tree))
    except Exception:  # noqa: BLE001 - unreadable source: never cached, rendered as usual
        names = None
    setattr(template, _NAMES_ATTR, names)
    return names


def cache_key(
    env: jinja2.Environment,
    template: jinja2.Template,
    slug: str,
    fragment_context: dict[str, Any],
    site_code: str,
    sponsored: tuple[Any, ...] | None,
) -> tuple[Any, ...] | None:
    """The key of this rendering, or None when it must be rendered for this request only.

    Args:
        env: The environment rendering it (one per theme and language).
        template: The fragment's compiled template.
        slug: The plugin.
        fragment_context: ``Fragment.context`` (values must be hashable to be part of the key).
        site_code: The edition.
        sponsored: ``(segment, campaign, slot)`` for a sponsored fragment, else None.
    """
    names = _read_names(env, template)
    if names is None:
        return None
    allowed = STABLE_NAMES | SPONSORED_EXTRA if sponsored is not None else STABLE_NAMES
    if not names <= allowed | fragment_context.keys() | env.globals.keys():
        return None
    try:
        items = tuple(sorted(fragment_context.items()))
        hash(items)
    except TypeError:
        return None
    return ("fragment", slug, id(env), template, site_code, items, sponsored)
