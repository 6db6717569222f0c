"""Disclosure control on hand-made cohorts: threshold, complementary suppression, rounding."""

from __future__ import annotations

from plugins.studies.stats import K, age_band, build_table, differencing_risk, round5, worst_difference

BOTH = ("age_band", "sex")


def _lines(table):
    rows = [[(r, c) for c in table.cols] for r in table.rows]
    cols = [[(r, c) for r in table.rows] for c in table.cols]
    return rows + cols


def _check(table, people):
    """No suppressed entry is alone in its row or column; nothing published between 1 and K-1; rounded to 5."""
    for line in _lines(table):
        hidden = sum(table.cells[r][c] is None for r, c in line)
        assert hidden != 1, line
    for row in table.cells.values():
        for value in row.values():
            assert value is None or value % 5 == 0


def test_a_cohort_of_nine_publishes_nothing_but_zeros():
    people = [("50-59", "f")] * 5 + [("60-69", "m")] * 4
    table = build_table(people, BOTH)
    published = [v for row in table.cells.values() for v in row.values() if v]
    assert published == []  # every non-zero count is under 11: all hidden, the grand total too
    assert table.cells["total"]["total"] is None and table.cells["18-29"]["f"] == 0
    _check(table, people)


def test_small_cells_are_hidden_with_a_complement_so_totals_do_not_give_them_away():
    people = [("50-59", "f")] * 14 + [("50-59", "m")] * 12 + [("50-59", "o")] * 3
    people += [("60-69", "f")] * 13 + [("60-69", "m")] * 20 + [("60-69", "o")] * 11
    table = build_table(people, BOTH)
    assert table.cells["50-59"]["o"] is None  # 3 people: primary suppression
    assert table.cells["50-59"]["m"] is None  # the smallest other cell of its row: complementary
    assert table.cells["60-69"]["o"] is None  # and of its column
    assert table.cells["60-69"]["f"] == 15 and table.cells["total"]["total"] == 75  # 13 -> 15, 73 -> 75
    _check(table, people)


def test_random_cohorts_never_leave_a_lone_suppressed_cell():
    import random

    rng = random.Random(7)
    for _ in range(200):
        people = [
            (rng.choice(("30-39", "40-49", "50-59", "70+")), rng.choice("fmo")) for _ in range(rng.randint(0, 90))
        ]
        table = build_table(people, BOTH)
        _check(table, people)
        true_total = len(people)
        assert (
            table.cells["total"]["total"] is None
            if 0 < true_total < K
            else table.cells["total"]["total"] == round5(true_total)
        )


def test_one_variable_collapses_the_other():
    table = build_table([("40-49", "f")] * 12 + [("70+", "m")] * 12, ("sex",))
    assert table.rows == ["all", "total"] and table.cols == ["f", "m", "o", "total"]
    assert table.cells["all"]["f"] == 10 and table.cells["all"]["total"] == 25


def test_rounding_and_bands():
    assert [round5(n) for n in (0, 11, 12, 13, 17, 18)] == [0, 10, 10, 15, 15, 20]
    assert [age_band(a) for a in (17, 18, 30, 69, 70, 101)] == ["unknown", "18-29", "30-39", "60-69", "70+", "70+"]


def test_differencing_risk_between_two_overlapping_extracts():
    first = set(range(40))
    assert differencing_risk(None, first) == 0
    assert differencing_risk(first, first | {99}) == 1  # one member joined: comparing the two would single them out
    assert differencing_risk(first, first - {3}) == 1  # or left
    assert differencing_risk(first, first | set(range(100, 111))) == 0  # 11 changed: allowed
    assert differencing_risk(first, set(first)) == 0


def test_condition_cohorts_match_codes_and_categories():
    from plugins.studies.services import matches

    assert matches([], [])  # no condition asked: every member of the edition
    assert matches(["E11"], ["E11.9", "I10"]) and matches(["E11.9"], ["E11.9"])
    assert not matches(["E11"], ["E10.1", "I10"]) and not matches(["E11"], [])


def test_every_earlier_extract_counts_for_differencing_not_only_the_last():
    a = set(range(11))
    b = a | set(range(100, 111))  # 11 joined: fine against A
    c = set(range(11)) | {200}  # the 11 left and one joined: fine against B, one person away from A
    assert worst_difference([a], b) == 0 and worst_difference([b], c) == 0
    assert worst_difference([a, b], c) == 1
    assert worst_difference([], c) == 0
