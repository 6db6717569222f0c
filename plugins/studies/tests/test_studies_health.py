"""Health Box variables in a study: real numbers through core.api, means/medians/quartiles suppressed like counts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core.testing import edition_today, login, make_member, post_form, run_async, text_of
from plugins.studies.tests.test_studies_flow import _approved_study, _study_form

CONSENTS = ("core.terms", "core.health_data", "core.partner_studies")
WEIGHT = "healthbox.weight.latest"
# (birth year, weights in kg; None: joined without any weight logged)
COHORT = [
    (1980, [*range(60, 72), None]),  # 40-49: 12 weights 60..71, and one member with no value
    (1970, list(range(80, 91))),  # 50-59: 11 weights 80..90
    (1960, [100, 102, 104]),  # 60-69: 3 members, whose mean would nearly be their own values
]


def _weigh(app, member, kg):
    from core.api import record_entry

    values = {"weight": Decimal(kg), "height": Decimal(170)}
    day = edition_today("uk") - timedelta(days=3)
    run_async(app, record_entry(member, "weight", day, values, source="form", tz="Europe/London"))


def _cohort(app, client_for, study_id, cohort, start=0):
    """Members log their weight through the Health Box's real path and join on the study's page."""
    ids = []
    for year, weights in cohort:
        for kg in weights:
            email = f"w{start + len(ids)}@example.org"
            pseudonym = f"W{start + len(ids)}"
            ids.append(
                make_member(app, email=email, pseudonym=pseudonym, site="uk", consents=CONSENTS, birth_year=year)
            )
            if kg is not None:
                _weigh(app, ids[-1], kg)
            client = client_for("uk")
            login(client, email)
            assert post_form(client, f"/studies/{study_id}/join", {"sex": "u", "agree": "1"}).status_code == 303
    return ids


def test_means_medians_and_distributions_are_published_only_for_large_enough_cells(app, client_for):
    from plugins.studies.tables import Study

    study_id, partner = _approved_study(app, client_for)
    run_async(app, Study.update({Study.variables: ["age_band", WEIGHT]}).where(Study.id == study_id))
    ids = _cohort(app, client_for, study_id, COHORT)
    assert post_form(partner, f"/studies/{study_id}/extracts").status_code == 303
    csv = partner.get(f"/studies/{study_id}/extracts/1/csv").text
    lines = [line.split(",") for line in csv.splitlines() if line.startswith(WEIGHT + ",")]
    rows = {tuple(line[2:4]): line[4:] for line in lines if len(line) == 9}
    # 40-49: 60..71 -> n 12 (rounded 10; the 13th member has no value), mean 65.5, median 65.5,
    # Q1 62.75 -> 62.8, Q3 68.25 -> 68.3.
    assert rows[("40-49", "all")] == rows[("40-49", "total")] == ["10", "65.5", "65.5", "62.8", "68.3"]
    # 60-69 (3 people) is hidden, and 50-59 with it: the total minus 40-49 would otherwise give 60-69 away.
    for band in ("50-59", "60-69"):
        assert rows[(band, "all")] == rows[(band, "total")] == ["suppressed"] * 5, band
    # Everyone: 26 values, 786 + 935 + 306 = 2027 kg -> 77.96 -> 78.0; median of the 13th and 14th: 80, 81 -> 80.5.
    assert rows[("total", "total")][:3] == ["25", "78.0", "80.5"]
    assert rows[("18-29", "all")] == ["0", "", "", "", ""]
    # Bins < 60, 60-80, 80-100, >= 100: 0, 12 -> 10, 11 (hidden: the complement of the 3 at >= 100), 3 (hidden).
    distribution = [line[1:] for line in lines if len(line) == 4]
    assert distribution == [["", "60", "0"], ["60", "80", "10"], ["80", "100", "suppressed"], ["100", "", "suppressed"]]
    page = text_of(partner.get(f"/studies/{study_id}").text)
    assert "Weight (latest, last 12 months) (kg)" in page
    assert "40-49 n 10 mean 65.5 median 65.5 Q1–Q3 62.8–68.3" in page and "≥ 100 hidden" in page
    assert "60-69 hidden hidden" in page
    # Each member's own record says whether their value was used (w12 had none).
    mine = client_for("uk")
    login(mine, "w0@example.org")
    assert "Included in the mean, median and distribution of: Weight" in mine.get("/me/disclosures").text
    unweighed = client_for("uk")
    login(unweighed, "w12@example.org")
    assert "Included in the mean" not in unweighed.get("/me/disclosures").text

    # Eleven newcomers without a weight join (enough for a new extract), and w12 logs a weight: the weight
    # statistics of the new extract differ from the first by one person's value, so they are withheld.
    _cohort(app, client_for, study_id, [(1980, [None] * 11)], start=len(ids))
    _weigh(app, ids[12], 120)
    assert post_form(partner, f"/studies/{study_id}/extracts").status_code == 303
    newest = text_of(partner.get(f"/studies/{study_id}").text)
    assert "Withheld from this extract: fewer than 11 members gained or lost a value" in newest
    assert "weight.latest,differencing risk" in partner.get(f"/studies/{study_id}/extracts/2/csv").text


def test_unknown_or_unavailable_variables_are_refused_and_nothing_is_stored(app, client_for):
    from plugins.studies.tables import Study

    make_member(app, email="lab@example.org", pseudonym="Lab", role="partner", site="uk")
    client = client_for("uk")
    login(client, "lab@example.org")
    form = client.get("/studies/new").text
    assert 'value="healthbox.bmi.latest"' in form and "BMI (latest, last 12 months)" in form
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("uk"), "healthbox", False))
    page = post_form(client, "/studies/new", _study_form(variables=["age_band", "healthbox.bmi.latest"]))
    assert page.status_code == 400 and "Unknown variable: healthbox.bmi.latest." in page.text
    assert 'aria-invalid="true" aria-describedby="studies-variables-error"' in page.text
    assert run_async(app, Study.count()) == 0
