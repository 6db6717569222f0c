"""Member-written rich text: a small Markdown subset, rendered then sanitized.

Members write statuses, comments and group replies in a deliberately small
Markdown subset (bold, italics, lists, links, quotes, inline code, line
breaks). Raw HTML is never interpreted (it shows as text), images are not
rendered (an image becomes a plain link), and every link shows its domain next
to its text so a member sees where it leads before clicking. The HTML that
markdown-it-py produces is then passed through nh3 (Ammonia) with a strict
allow-list, so even a parser bug cannot let a script or an event handler
through. Nothing here fetches a member's URL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

__all__ = ["LINK_REL", "link_domain", "mentioned_pseudonyms", "render_markdown"]

LINK_REL = "nofollow ugc noopener"
_RULES = ["emphasis", "list", "link", "autolink", "linkify", "newline", "escape", "entity", "blockquote", "backticks"]
_SCHEMES = frozenset({"http", "https", "mailto"})
_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "span"}
_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "ol": {"start"}}
_CLASSES = {"span": {"md-domain"}}
_MENTION = re.compile(r"(?<![\w@])@([^\W_][\w.\-]*(?:[ ][^\W_][\w.\-]*){0,2})")


def link_domain(url: str) -> str:
    """The host a link leads to, as shown beside it ("" when there is none, e.g. mailto)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _valid_link(url: str) -> bool:
    """Only web and mail links: no javascript:, data:, file: or relative tricks."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in _SCHEMES:
        return False
    return parts.scheme.lower() == "mailto" or bool(parts.hostname)


def _link_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """Close the link and, unless its text is the address itself, say which domain it leads to.

    The domain is shown even when the text looks like an address: "[bank.com](https://evil.org)"
    must read "(evil.org)".
    """
    start = idx - 1
    while start >= 0 and tokens[start].type != "link_open":
        start -= 1
    if start < 0:
        return "</a>"
    opener = tokens[start]
    domain = link_domain(str(opener.attrGet("href") or ""))
    if opener.markup in ("autolink", "linkify") or not domain:
        return "</a>"
    return f'</a> <span class="md-domain">({escape(domain)})</span>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"linkify": True, "breaks": True, "html": False, "typographer": False})
    md.enable(_RULES)
    md.validateLink = _valid_link  # type: ignore[method-assign]
    md.add_render_rule("link_close", _link_close)
    return md


def _clean(html: str) -> str:
    kwargs: dict[str, Any] = {
        "tags": _TAGS,
        "attributes": _ATTRIBUTES,
        "allowed_classes": _CLASSES,
        "url_schemes": set(_SCHEMES),
        "link_rel": LINK_REL,
        "strip_comments": True,
    }
    return nh3.clean(html, **kwargs)


def render_markdown(text: str) -> Markup:
    """Render member-written Markdown to safe HTML.

    Args:
        text: What the member typed (any length; callers enforce their own limits).

    Returns:
        Sanitized HTML, safe to insert in a template as is.
    """
    if not text or not text.strip():
        return Markup("")
    return Markup(_clean(_parser().render(text)))  # noqa: S704 - sanitized by nh3 just above


def mentioned_pseudonyms(text: str, *, limit: int = 10) -> list[list[str]]:
    """Pseudonyms a text may mention with ``@``, to look up with ``core.api.find_member``.

    Pseudonyms may hold spaces, dots and hyphens, so for each ``@`` up to
    three words are tried, longest first ("@Marie Claire" tries "Marie
    Claire", then "Marie"); trailing dots and hyphens are dropped. Look the
    candidates up in order and keep the first that exists for each mention.

    Args:
        text: What the member wrote.
        limit: At most this many mentions are considered.

    Returns:
        Candidate lists, one per mention, each longest first.
    """
    found: list[list[str]] = []
    for match in _MENTION.finditer(text):
        words = match.group(1).split(" ")
        candidates = [" ".join(words[:n]).rstrip(".-") for n in range(len(words), 0, -1)]
        kept = [c for c in candidates if len(c) >= 3]
        if kept:
            found.append(kept)
        if len(found) >= limit:
            break
    return found
