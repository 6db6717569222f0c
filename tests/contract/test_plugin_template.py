"""The copier template generates a working third-party tracker plugin."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path

from core.testing import login, make_member, post_form

ROOT = Path(__file__).resolve().parents[2]


def test_generated_plugin_is_small_and_works(tmp_path, make_app, client_for):
    from copier import run_copy

    target = tmp_path / "entraide-pillbox"
    run_copy(
        str(ROOT / "plugin_template"),
        str(target),
        data={"slug": "pillbox", "name": "Pill box", "metric_label": "Pills taken", "unit": "{pill}", "hard_max": 30},
        defaults=True,
        quiet=True,
    )
    package = target / "entraide_pillbox"
    code = sum(len(p.read_text().splitlines()) for p in package.glob("*.py"))
    assert code < 100, f"a tracker plugin should take well under 100 lines, got {code}"
    assert 'pillbox = "entraide_pillbox"' in (target / "pyproject.toml").read_text()
    sys.path.insert(0, str(target))
    try:
        plugin = importlib.import_module("entraide_pillbox")
        app = make_app(extra_plugins=[plugin])
        make_member(app, email="alice@example.org")
        client = client_for("fr", app)
        login(client, "alice@example.org")
        today = date.today().isoformat()
        assert post_form(client, "/healthbox/pillbox/", {"date": today, "value": "31"}).status_code == 400
        assert post_form(client, "/healthbox/pillbox/", {"date": today, "value": "2"}).status_code == 303
        assert "<svg" in client.get("/healthbox/pillbox/").text
        assert client.get("/healthbox/export.csv?tracker=pillbox").text.startswith("date,recorded_at,value")
    finally:
        sys.path.remove(str(target))
        sys.modules.pop("entraide_pillbox", None)
        sys.modules.pop("entraide_pillbox.hooks", None)
