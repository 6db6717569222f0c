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
