"""Template helpers: translations of data strings never crash a page."""

from __future__ import annotations


def test_percent_in_untranslated_data_string_renders(app):
    env = app.state.entraide.templates.env("default", "en")
    template = env.from_string('{{ _(label) }} | {{ _("Hello %(name)s", name=who) }}')
    assert template.render(label="100% juice excluded", who="<b>") == "100% juice excluded | Hello &lt;b&gt;"


def test_child_theme_extends_default(client_for):
    qc = client_for("qc").get("/").text
    fr = client_for("fr").get("/").text
    assert "/static/themes/aurore/css/aurore.css" in qc and "/static/themes/default/css/base.css" in qc
    assert "aurore.css" not in fr
    assert client_for("qc").get("/static/themes/aurore/css/aurore.css").status_code == 200
    assert client_for("fr").get("/static/themes/default/js/htmx.min.js").status_code == 200


def test_macros_that_format_numbers_or_dates_are_imported_with_the_page_context():
    """Without the context a macro's ``format_*`` filters fall back to English ("72.5" on a French page)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    templates = {p.relative_to(p.parents[2]).as_posix(): p for p in root.glob("*/**/templates/**/*.html")}
    formatting = {name for name, path in templates.items() if "|format_" in path.read_text(encoding="utf-8")}
    imports = re.compile(r'{%-?\s*(?:from\s+"([^"]+)"\s+import|import\s+"([^"]+)")([^%]*)%}')
    bad = [
        f"{path.relative_to(root)}: {target}"
        for path in templates.values()
        for m in imports.finditer(path.read_text(encoding="utf-8"))
        if (target := m.group(1) or m.group(2)) in formatting and "with context" not in m.group(3)
    ]
    assert formatting, "no template found"
    assert not bad, bad
