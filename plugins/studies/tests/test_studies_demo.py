"""The studies demo: an approved study whose extract shows real Health Box means and medians, and hidden cells."""

from __future__ import annotations

from core.api import DemoContext, get_member
from core.testing import make_member, run_async


def test_demo_extract_shows_real_means_and_suppressed_cells(app):
    from plugins.studies.demo import seed
    from plugins.studies.extracts import extracts_of
    from plugins.studies.tables import Study

    partner_id = make_member(
        app, email="partner@demo.entraide.test", pseudonym="Partenaire", role="partner", consents=("core.terms",)
    )
    partner = run_async(app, get_member(partner_id))
    ctx = DemoContext(
        members=[partner], by_email={"partner@demo.entraide.test": partner}, sites=app.state.entraide.sites
    )
    run_async(app, seed(ctx))
    study = run_async(app, Study.select().first().output(load_json=True))
    assert study["status"] == "approved" and "healthbox.bmi.latest" in study["variables"]
    [extract] = run_async(app, extracts_of(study["id"]))
    table = extract["table"]
    assert (
        table.suppressed() > 0 and table.cells["total"]["total"] == 65
    )  # 64 volunteers (no Camille here), rounded to 5
    by_key = {s["key"]: s for s in table.summaries}
    for key in ("healthbox.bmi.latest", "healthbox.activity.week28"):
        cells = [cell for line in by_key[key]["cells"].values() for cell in line.values()]
        assert any(cell and "mean" in cell for cell in cells), key  # real means and medians
        assert any(cell is None for cell in cells), key  # and hidden cells
    bmi = by_key["healthbox.bmi.latest"]["cells"]["total"]["total"]
    assert 21 <= bmi["mean"] <= 33 and bmi["q1"] <= bmi["median"] <= bmi["q3"]
