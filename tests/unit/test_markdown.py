"""core.api.render_markdown: the Markdown subset members write, and what it refuses."""

from __future__ import annotations

import pytest

from core.api import render_markdown


def test_bold_italics_and_lists() -> None:
    html = render_markdown("**bold** and *italic* and _also_\n\n- one\n- two\n\n1. first\n2. second")
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html and "<em>also</em>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>" in html


def test_line_breaks_are_kept() -> None:
    assert "line one<br>\nline two" in render_markdown("line one\nline two")


def test_links_carry_rel_and_show_their_domain() -> None:
    html = render_markdown("see [this page](https://www.example.org/a/b?c=1)")
    assert '<a href="https://www.example.org/a/b?c=1" rel="nofollow ugc noopener">this page</a>' in html
    assert '<span class="md-domain">(example.org)</span>' in html


def test_a_link_text_cannot_pretend_to_be_another_domain() -> None:
    html = render_markdown("[https://bank.com](https://evil.org/login)")
    assert "(evil.org)" in html


def test_bare_addresses_become_links_without_a_domain_label() -> None:
    html = render_markdown("read www.example.org/x today")
    assert '<a href="http://www.example.org/x" rel="nofollow ugc noopener">www.example.org/x</a>' in html
    assert "md-domain" not in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.org></iframe>",
        '<div style="position:fixed">x</div>',
    ],
)
def test_raw_html_is_shown_as_text_never_interpreted(text: str) -> None:
    html = render_markdown(text)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<div" not in html
    assert '<a href="javascript' not in html
    assert "&lt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](java&#09;script:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_link_schemes_are_not_linked(text: str) -> None:
    html = render_markdown(text)
    assert "<a " not in html
    assert "href" not in html


def test_quotes_in_a_link_cannot_add_attributes() -> None:
    html = render_markdown('[x](https://a.org/"onmouseover="alert(1))')
    assert "onmouseover=" not in html.replace("%22onmouseover=%22", "")
    assert 'href="https://a.org/%22onmouseover=%22alert(1)"' in html


def test_images_are_never_rendered() -> None:
    html = render_markdown("![a cat](https://example.org/cat.png)")
    assert "<img" not in html
    assert '<a href="https://example.org/cat.png"' in html


def test_headings_and_tables_stay_plain_text() -> None:
    html = render_markdown("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h1" not in html and "<table" not in html
    assert "# Title" in html


def test_empty_text_renders_nothing() -> None:
    assert render_markdown("") == ""
    assert render_markdown("   \n ") == ""


def test_result_is_markup_safe_in_templates() -> None:
    from markupsafe import Markup, escape

    html = render_markdown("**x**")
    assert isinstance(html, Markup)
    assert escape(html) == html
