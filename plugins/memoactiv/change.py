"""Change over time against the member's own baseline (reference sheet §7f).

1. The first two check-ins of a task are shown but not used (largest practice
   effects); the baseline is the mean of the next three (check-ins 3–5). A new
   baseline starts after a change of device class or a gap of more than six
   months.
2. Reliable Change Index (Jacobson & Truax 1991), practice-adjusted (Chelune et
   al. 1993): ``SEM = SD₁ × √(1 − r)``, ``S_diff = √(2 × SEM²)``,
   ``RCI = ((X₂ − X₁) − (M₂ − M₁)) / S_diff``; for reaction times lower is
   better, so the sign is flipped and a negative RCI always means "lower than
   usual".
3. Several sessions: ``z = (mean of last k − baseline mean) / (s_w × √(1/k + 1/n_base))``
   with ``s_w`` the member's SD over the baseline, floored at the SEM.
4. A task is "below the usual range" when its last two consecutive check-ins
   both have RCI or z ≤ −1.96, are valid, on the same device class and not
   explained by the context the member logged. The suggestion to talk to a
   professional needs this on at least two tasks (never on Stroop alone).

Pure functions; :mod:`plugins.memoactiv.reference` supplies SD₁, r and M₂ − M₁.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "BASELINE_SIZE",
    "MAX_GAP_DAYS",
    "PRACTICE_CHECKINS",
    "THRESHOLD",
    "Point",
    "Reference",
    "Trend",
    "declining_tasks",
    "rci",
    "suggests_professional",
    "trend",
    "z_recent",
]

PRACTICE_CHECKINS = 2
BASELINE_SIZE = 3
MAX_GAP_DAYS = 183
THRESHOLD = 1.96
RECENT_K = 3


@dataclass(frozen=True, slots=True)
class Reference:
    """Reference-group values of one score: between-person SD at first testing, retest r, practice gain."""

    sd1: float
    r: float
    practice_gain: float
    lower_is_better: bool = False

    @property
    def sem(self) -> float:
        return self.sd1 * math.sqrt(1 - self.r)

    @property
    def s_diff(self) -> float:
        return math.sqrt(2 * self.sem**2)

    @property
    def sign(self) -> int:
        return -1 if self.lower_is_better else 1


def rci(baseline: float, score: float, ref: Reference) -> float:
    """Practice-adjusted RCI, oriented so that negative means worse than the baseline."""
    return ref.sign * ((score - baseline) - ref.practice_gain) / ref.s_diff


def z_recent(recent: Sequence[float], baseline: Sequence[float], ref: Reference) -> float:
    """z of the mean of the last k check-ins against the baseline mean (oriented like :func:`rci`)."""
    s_w = statistics.stdev(baseline) if len(baseline) > 1 else 0.0
    s_w = max(s_w, ref.sem)
    k, n = len(recent), len(baseline)
    return ref.sign * (statistics.fmean(recent) - statistics.fmean(baseline)) / (s_w * math.sqrt(1 / k + 1 / n))


@dataclass(frozen=True, slots=True)
class Point:
    """One check-in result of a task, with what decides whether it counts."""

    day: date
    score: float | None
    device: str
    valid: bool = True
    context: tuple[str, ...] = ()


@dataclass
class Trend:
    """Role of each check-in, the baseline and the change statistics of the later ones."""

    roles: list[str]
    baseline: float | None = None
    baseline_days: tuple[date, date] | None = None
    band: tuple[float, float] | None = None
    rcis: dict[int, float] = field(default_factory=dict)
    zs: dict[int, float] = field(default_factory=dict)
    baseline_count: int = 0
    below: bool = False

    def status(self, index: int) -> str:
        """ "below", "above" or "usual" for a follow-up check-in; "" otherwise."""
        if index not in self.rcis:
            return ""
        worst = min(self.rcis[index], self.zs.get(index, math.inf))
        if worst <= -THRESHOLD:
            return "below"
        return "above" if self.rcis[index] >= THRESHOLD else "usual"


def _segment_start(points: Sequence[Point], usable: list[int]) -> int:
    """Position in ``usable`` where the current segment starts (device change or long gap)."""
    start = 0
    for pos in range(1, len(usable)):
        before, now = points[usable[pos - 1]], points[usable[pos]]
        if now.device != before.device or (now.day - before.day).days > MAX_GAP_DAYS:
            start = pos
    return start


def trend(points: Sequence[Point], ref: Reference) -> Trend:
    """Classify check-ins (oldest first): practice, baseline, follow-up, excluded; compute RCI and z."""
    roles = ["excluded"] * len(points)
    usable = [i for i, p in enumerate(points) if p.valid and p.score is not None]
    for i in usable[:PRACTICE_CHECKINS]:
        roles[i] = "practice"
    later = usable[PRACTICE_CHECKINS:]
    segment = later[_segment_start(points, later) :] if later else []
    for i in later:
        roles[i] = "earlier"
    base_idx, follow_idx = segment[:BASELINE_SIZE], segment[BASELINE_SIZE:]
    for i in base_idx:
        roles[i] = "baseline"
    result = Trend(roles, baseline_count=len(base_idx))
    if len(base_idx) < BASELINE_SIZE:
        return result
    base_scores = [float(points[i].score) for i in base_idx]  # type: ignore[arg-type]
    mean = statistics.fmean(base_scores)
    result.baseline = mean
    result.baseline_days = (points[base_idx[0]].day, points[base_idx[-1]].day)
    margin = THRESHOLD * ref.s_diff
    result.band = (mean - margin, mean + margin)
    for pos, i in enumerate(follow_idx):
        roles[i] = "followup"
        result.rcis[i] = rci(mean, float(points[i].score), ref)  # type: ignore[arg-type]
        recent = [float(points[j].score) for j in follow_idx[max(0, pos - RECENT_K + 1) : pos + 1]]  # type: ignore[arg-type]
        result.zs[i] = z_recent(recent, base_scores, ref)
    last_two = follow_idx[-2:]
    result.below = (
        len(last_two) == 2
        and last_two == usable[-2:]
        and all(result.status(i) == "below" and not points[i].context for i in last_two)
    )
    return result


def declining_tasks(trends: dict[str, Trend]) -> list[str]:
    """Tasks whose last two check-ins are both below the usual range, unexplained."""
    return sorted(task for task, t in trends.items() if t.below)


def suggests_professional(trends: dict[str, Trend]) -> bool:
    """True when at least two tasks are below the usual range (so never Stroop alone)."""
    return len(declining_tasks(trends)) >= 2
