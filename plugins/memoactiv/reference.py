"""Reference-group values for the reliable-change index (reference sheet §7f.2).

SD₁ (between-person SD at first testing), r_xx (test–retest reliability) and
M₂ − M₁ (mean practice gain) come from the installation's own check-ins once at
least 200 members have done the task; until then these provisional values are
used. The retest r are the sheet's conservative values (digit span 0.7, median
RT 0.75, n-back d′ 0.6, list recall 0.6, Stroop 0.5; the arrows task, another
difference score with similar retest reliability (Hedge, Powell & Sumner
2018), gets Stroop's 0.5). SD₁ for digit span is
the sheet's indicative norm (forward ≈ 1.2, backward ≈ 1.3 digits); the other
SD₁ and every practice gain are provisional estimates of ours, chosen on the
cautious side, to be replaced by reference-group values (they live in this one
versioned table, for review by a health professional).
The practice gain is the expected change from the baseline (check-ins 3–5)
to a later check-in, in the score's own unit (negative for times: faster).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from plugins.memoactiv.change import BASELINE_SIZE, PRACTICE_CHECKINS, Reference

__all__ = ["MIN_GROUP", "PROVISIONAL", "REFERENCE_VERSION", "from_group"]

REFERENCE_VERSION = "provisional-1"
MIN_GROUP = 200

PROVISIONAL: dict[str, Reference] = {
    "span_forward": Reference(sd1=1.2, r=0.7, practice_gain=0.1),
    "span_backward": Reference(sd1=1.3, r=0.7, practice_gain=0.1),
    "nback": Reference(sd1=0.9, r=0.6, practice_gain=0.1),
    "rt_simple": Reference(sd1=50.0, r=0.75, practice_gain=-5.0, lower_is_better=True),
    "rt_choice": Reference(sd1=70.0, r=0.75, practice_gain=-8.0, lower_is_better=True),
    "stroop": Reference(sd1=45.0, r=0.5, practice_gain=-5.0, lower_is_better=True),
    "flanker": Reference(sd1=30.0, r=0.5, practice_gain=-3.0, lower_is_better=True),
    "words": Reference(sd1=4.5, r=0.6, practice_gain=1.0),
    "words_delayed": Reference(sd1=2.0, r=0.6, practice_gain=0.3),
}


def from_group(exercise: str, series: Mapping[int, Sequence[float]]) -> Reference:
    """Reference values from members' check-in series (oldest first), provisional where too few.

    SD₁ needs ``MIN_GROUP`` members with a first check-in; r and the practice
    gain need ``MIN_GROUP`` members past their baseline (check-in 3 vs 4 for r,
    the first check-in after the baseline minus the baseline mean for the gain).
    """
    base = PROVISIONAL[exercise]
    firsts = [values[0] for values in series.values() if values]
    sd1 = statistics.stdev(firsts) if len(firsts) >= MIN_GROUP else base.sd1
    after = PRACTICE_CHECKINS + BASELINE_SIZE
    long = [values for values in series.values() if len(values) > after]
    r, gain = base.r, base.practice_gain
    if len(long) >= MIN_GROUP:
        third = [v[PRACTICE_CHECKINS] for v in long]
        fourth = [v[PRACTICE_CHECKINS + 1] for v in long]
        try:
            r = min(max(statistics.correlation(third, fourth), 0.0), 0.95)
        except statistics.StatisticsError:  # no variance at all
            r = base.r
        gain = statistics.fmean(v[after] - statistics.fmean(v[PRACTICE_CHECKINS:after]) for v in long)
    return Reference(sd1=sd1 if sd1 > 0 else base.sd1, r=r, practice_gain=gain, lower_is_better=base.lower_is_better)
