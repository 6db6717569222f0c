"""Generated avatars: deterministic, accessible, inert SVG with enough contrast."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from core.identity.avatars import _STYLES, AVATAR_CHOICES, generated_avatar_svg

SVG = "{http://www.w3.org/2000/svg}"
ALL_CHOICES = range(AVATAR_CHOICES)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, no external entities


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_there_are_eight_choices() -> None:
    assert AVATAR_CHOICES == 8
    assert len({generated_avatar_svg("member-1", choice=c) for c in ALL_CHOICES}) == 8


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_svg_is_well_formed_and_accessible(choice: int) -> None:
    root = _parse(generated_avatar_svg("member-7", choice=choice))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 100 100"
    title = root[0]
    assert title.tag == f"{SVG}title" and title.text == "Avatar"


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_svg_is_inert(choice: int) -> None:
    svg = generated_avatar_svg("member-7", choice=choice)
    root = _parse(svg)
    allowed = {"svg", "title", "circle", "ellipse", "rect", "line", "polygon", "path"}
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in allowed
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            assert "href" not in name
            assert "url(" not in value and "javascript:" not in value.lower()
    assert svg.count("http") == 1  # the xmlns declaration only


def test_same_inputs_give_same_bytes_and_seed_varies_only_decoration() -> None:
    first = generated_avatar_svg("member-1", choice=3)
    assert first == generated_avatar_svg("member-1", choice=3)
    other = generated_avatar_svg("member-2", choice=3)
    assert first != other
    # Same character and colours, so the preview picked at sign-up stays recognisable.
    assert set(re.findall(r'fill="(#[0-9a-f]{6})"', first)) == set(re.findall(r'fill="(#[0-9a-f]{6})"', other))


def test_out_of_range_choice_wraps_instead_of_failing() -> None:
    assert generated_avatar_svg("s", choice=AVATAR_CHOICES + 2) == generated_avatar_svg("s", choice=2)
    assert generated_avatar_svg("s", choice=-1) == generated_avatar_svg("s", choice=AVATAR_CHOICES - 1)


def test_title_is_escaped() -> None:
    svg = generated_avatar_svg("s", choice=0, title='Avatar de <b>"Léa" & co</b>')
    assert "<b>" not in svg
    assert _parse(svg)[0].text == 'Avatar de <b>"Léa" & co</b>'


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_colours_meet_wcag_non_text_and_text_contrast(choice: int) -> None:
    style = _STYLES[choice]
    disc, body, ink = style.disc, style.body, style.ink
    assert f'fill="{disc}"' in generated_avatar_svg("s", choice=choice)
    assert _contrast(body, disc) >= 3.0  # WCAG 1.4.11: character against the disc
    assert _contrast(ink, body) >= 4.5  # eyes and mouth against the character (AA text level)
