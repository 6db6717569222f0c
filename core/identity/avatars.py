"""Generated avatars: friendly characters on a coloured disc, as inline SVG.

Members who do not upload a picture pick one of :data:`AVATAR_CHOICES`
characters at sign-up. Avatars carry no initials, so nothing about the
member's name leaks into the picture, and they are pure SVG shapes: no
script, no external reference, no embedded font. The ``choice`` fixes the
character and its colours, so the preview a member picked stays recognisable;
the ``seed`` (e.g. the member id) only scatters a few decorative dots so two
members with the same character are still told apart.

Colours meet WCAG 2.1 non-text contrast: character vs disc >= 3:1 and
features (eyes, mouth) vs character >= 4.5:1.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from html import escape
from typing import NamedTuple

__all__ = ["AVATAR_CHOICES", "generated_avatar_svg"]


class _Style(NamedTuple):
    name: str
    disc: str
    body: str
    ink: str


_STYLES: tuple[_Style, ...] = (
    _Style("smile", disc="#1d4ed8", body="#fde68a", ink="#1f2937"),
    _Style("cat", disc="#c2410c", body="#ffedd5", ink="#1c1917"),
    _Style("bear", disc="#0f766e", body="#f5d0a9", ink="#292524"),
    _Style("sun", disc="#0369a1", body="#fde047", ink="#1f2937"),
    _Style("flower", disc="#15803d", body="#fbcfe8", ink="#1f2937"),
    _Style("owl", disc="#6d28d9", body="#ede9fe", ink="#1e1b4b"),
    _Style("robot", disc="#be123c", body="#e5e7eb", ink="#111827"),
    _Style("star", disc="#334155", body="#fef08a", ink="#1f2937"),
)

AVATAR_CHOICES: int = len(_STYLES)
"""Number of generated characters offered as radio buttons at sign-up."""


def _eyes_and_smile(s: _Style, y: float = 50, spread: float = 10) -> str:
    left, right = 50 - spread, 50 + spread
    return (
        f'<circle cx="{left}" cy="{y}" r="3.2" fill="{s.ink}"/>'
        f'<circle cx="{right}" cy="{y}" r="3.2" fill="{s.ink}"/>'
        f'<path d="M{left} {y + 11} Q50 {y + 20} {right} {y + 11}" fill="none" '
        f'stroke="{s.ink}" stroke-width="3" stroke-linecap="round"/>'
    )


def _smile(s: _Style) -> str:
    return f'<circle cx="50" cy="50" r="32" fill="{s.body}"/>' + _eyes_and_smile(s, y=45)


def _cat(s: _Style) -> str:
    return (
        f'<polygon points="25,46 29,17 47,32" fill="{s.body}"/>'
        f'<polygon points="75,46 71,17 53,32" fill="{s.body}"/>'
        f'<circle cx="50" cy="54" r="27" fill="{s.body}"/>'
        f'<polygon points="46,55 54,55 50,59" fill="{s.ink}"/>' + _eyes_and_smile(s, y=50, spread=11)
    )


def _bear(s: _Style) -> str:
    return (
        f'<circle cx="29" cy="31" r="10" fill="{s.body}"/>'
        f'<circle cx="71" cy="31" r="10" fill="{s.body}"/>'
        f'<circle cx="50" cy="54" r="28" fill="{s.body}"/>'
        f'<ellipse cx="50" cy="57" rx="5" ry="3.5" fill="{s.ink}"/>' + _eyes_and_smile(s, y=49, spread=11)
    )


def _sun(s: _Style) -> str:
    rays = "".join(
        f'<line x1="{50 + 31 * math.cos(a):.1f}" y1="{52 + 31 * math.sin(a):.1f}" '
        f'x2="{50 + 41 * math.cos(a):.1f}" y2="{52 + 41 * math.sin(a):.1f}" '
        f'stroke="{s.body}" stroke-width="5" stroke-linecap="round"/>'
        for a in (i * math.pi / 4 for i in range(8))
    )
    return rays + f'<circle cx="50" cy="52" r="25" fill="{s.body}"/>' + (_eyes_and_smile(s, y=48, spread=9))


def _flower(s: _Style) -> str:
    petals = "".join(
        f'<circle cx="{50 + 24 * math.cos(a):.1f}" cy="{52 + 24 * math.sin(a):.1f}" r="12" fill="{s.body}"/>'
        for a in (i * math.pi / 3 + math.pi / 6 for i in range(6))
    )
    return (
        petals + f'<circle cx="50" cy="52" r="21" fill="{s.body}" stroke="{s.ink}" '
        'stroke-width="1.5"/>' + _eyes_and_smile(s, y=48, spread=8)
    )


def _owl(s: _Style) -> str:
    eyes = "".join(
        f'<circle cx="{x}" cy="48" r="9" fill="#ffffff" stroke="{s.ink}" '
        f'stroke-width="2.5"/><circle cx="{x}" cy="48" r="3.5" fill="{s.ink}"/>'
        for x in (39, 61)
    )
    return (
        f'<polygon points="26,36 30,18 42,30" fill="{s.body}"/>'
        f'<polygon points="74,36 70,18 58,30" fill="{s.body}"/>'
        f'<ellipse cx="50" cy="55" rx="28" ry="30" fill="{s.body}"/>'
        + eyes
        + f'<polygon points="46,58 54,58 50,66" fill="{s.ink}"/>'
    )


def _robot(s: _Style) -> str:
    return (
        f'<line x1="50" y1="30" x2="50" y2="18" stroke="{s.body}" stroke-width="3"/>'
        f'<circle cx="50" cy="17" r="4.5" fill="{s.body}"/>'
        f'<rect x="23" y="30" width="54" height="46" rx="9" fill="{s.body}"/>'
        f'<rect x="34" y="43" width="8" height="8" rx="1.5" fill="{s.ink}"/>'
        f'<rect x="58" y="43" width="8" height="8" rx="1.5" fill="{s.ink}"/>'
        f'<path d="M38 62 Q50 70 62 62" fill="none" stroke="{s.ink}" '
        'stroke-width="3" stroke-linecap="round"/>'
    )


def _star(s: _Style) -> str:
    points = " ".join(
        f"{50 + r * math.sin(i * math.pi / 5):.1f},{54 - r * math.cos(i * math.pi / 5):.1f}"
        for i, r in ((i, 36 if i % 2 == 0 else 17) for i in range(10))
    )
    return (
        f'<polygon points="{points}" fill="{s.body}" stroke="{s.body}" '
        'stroke-width="6" stroke-linejoin="round"/>' + _eyes_and_smile(s, y=52, spread=7).replace('r="3.2"', 'r="2.6"')
    )


_DRAW: dict[str, Callable[[_Style], str]] = {
    "smile": _smile,
    "cat": _cat,
    "bear": _bear,
    "sun": _sun,
    "flower": _flower,
    "owl": _owl,
    "robot": _robot,
    "star": _star,
}


def _dots(seed: str, style: _Style) -> str:
    """A few seed-placed dots near the rim: stable per member, low-key."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    dots = []
    for i in range(5):
        angle = (digest[i] / 256 + i / 5) * 2 * math.pi
        radius = 44 + digest[5 + i] % 3
        dots.append(
            f'<circle cx="{50 + radius * math.cos(angle):.1f}" '
            f'cy="{50 + radius * math.sin(angle):.1f}" r="2.2" '
            f'fill="{style.body}" fill-opacity="0.55"/>'
        )
    return "".join(dots)


def generated_avatar_svg(seed: str, *, choice: int, title: str = "Avatar") -> str:
    """Draw a member's generated avatar as a standalone SVG document.

    The same ``seed`` and ``choice`` always give the same bytes, so the
    response can be cached and compared in tests.

    Args:
        seed: Stable per-member string, e.g. ``"member-42"``; never a name or
            e-mail address (it is hashed, but it need not be secret).
        choice: Character index; taken modulo :data:`AVATAR_CHOICES` so a
            stale stored value still renders instead of failing the page.
        title: Accessible name, already translated; it is XML-escaped.

    Returns:
        An SVG document with ``role="img"`` and a ``<title>``, 100 x 100 units.
    """
    style = _STYLES[choice % AVATAR_CHOICES]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" '
        'width="100" height="100" role="img">'
        f"<title>{escape(title)}</title>"
        f'<circle cx="50" cy="50" r="50" fill="{style.disc}"/>'
        + _dots(seed, style)
        + _DRAW[style.name](style)
        + "</svg>"
    )
