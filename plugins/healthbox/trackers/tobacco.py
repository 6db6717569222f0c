"""Tobacco tracker: daily log, FTND + HSI, MTSS, quit progress, pack-years (reference §4).

Other products have their own fields and are never added to cigarettes.
FTND bands follow Heatherton et al. 1991 / Fagerström (0–2 very low · 3–4 low
· 5 medium · 6–7 high · 8–10 very high); French sites often use other cuts,
we keep one and cite it. HSI (Heatherton et al. 1989) = FTND item 1 + item 4.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from core.api import (
    N_,
    Band,
    ChartSpec,
    Choice,
    Derived,
    Metric,
    MetricKind,
    QuestionItem,
    Questionnaire,
    Tracker,
    as_decimal,
    round_half_up,
)

Number = Decimal | float | int

__all__ = [
    "FTND",
    "FTND_BANDS",
    "HSI_BANDS",
    "MTSS",
    "TRACKER",
    "QuitProgress",
    "ftnd_item4_points",
    "hsi_score",
    "pack_years",
    "quit_progress",
    "score_ftnd",
    "support_prompt",
    "typical_daily_cigarettes",
]

FTND_BANDS = (
    Band(0, 2, "Very low"),
    Band(3, 4, "Low"),
    Band(5, 5, "Medium"),
    Band(6, 7, "High"),
    Band(8, 10, "Very high"),
)
HSI_BANDS = (Band(0, 1, "Low"), Band(2, 4, "Moderate"), Band(5, 6, "High"))
_YES_NO = (Choice(1, "Yes"), Choice(0, "No"))
# Full published wording (Heatherton et al. 1991, Table 1); the French catalogue holds the
# French version reproduced by the French public bodies (see FTND.languages).
_FTND_ITEMS = (
    QuestionItem(
        "ftnd_1",
        "How soon after you wake up do you smoke your first cigarette?",
        (
            Choice(3, "Within 5 minutes"),
            Choice(2, "6–30 minutes"),
            Choice(1, "31–60 minutes"),
            Choice(0, "After 60 minutes"),
        ),
    ),
    QuestionItem(
        "ftnd_2",
        "Do you find it difficult to refrain from smoking in places where it is forbidden, "
        "e.g., in church, at the library, in cinema, etc.?",
        _YES_NO,
    ),
    QuestionItem(
        "ftnd_3",
        "Which cigarette would you hate most to give up?",
        (Choice(1, "The first one in the morning"), Choice(0, "All others")),
    ),
    QuestionItem(
        "ftnd_4",
        "How many cigarettes per day do you smoke?",
        (Choice(0, "10 or less"), Choice(1, "11–20"), Choice(2, "21–30"), Choice(3, "31 or more")),
    ),
    QuestionItem(
        "ftnd_5",
        "Do you smoke more frequently during the first hours after waking than during the rest of the day?",
        _YES_NO,
    ),
    QuestionItem("ftnd_6", "Do you smoke if you are so ill that you are in bed most of the day?", _YES_NO),
)


def score_ftnd(answers: Mapping[str, int]) -> int:
    """FTND total 0–10: the sum of the item points (answers are stored as points)."""
    return sum(answers[item.key] for item in _FTND_ITEMS)


def hsi_score(answers: Mapping[str, int]) -> int | None:
    """Heaviness of Smoking Index 0–6 = FTND item 1 + item 4."""
    if "ftnd_1" not in answers or "ftnd_4" not in answers:
        return None
    return answers["ftnd_1"] + answers["ftnd_4"]


def ftnd_item4_points(cigarettes_per_day: int) -> int:
    """Points of FTND item 4 for a whole number of cigarettes a day (≤ 10 → 0, 11–20 → 1, 21–30 → 2, ≥ 31 → 3).

    The published item counts whole cigarettes: pass the daily count the
    member confirms (see :func:`typical_daily_cigarettes`), never a mean.
    """
    if isinstance(cigarettes_per_day, bool) or not isinstance(cigarettes_per_day, int):
        raise TypeError("FTND item 4 counts whole cigarettes per day.")
    if cigarettes_per_day <= 10:
        return 0
    if cigarettes_per_day <= 20:
        return 1
    return 2 if cigarettes_per_day <= 30 else 3


def typical_daily_cigarettes(points: Sequence[tuple[date, Number]], *, end: date) -> int | None:
    """Whole cigarettes a day over the 7 days ending on ``end``: the mean, rounded half-up.

    Offered to pre-fill FTND item 4 for the member to confirm: a mean of 10.4
    is 10 cigarettes (0 points), 10.5 is 11 (1 point). None without entries.
    """
    week = [Fraction(as_decimal(value)) for day, value in points if 0 <= (end - day).days < 7]
    if not week:
        return None
    return int(round_half_up(sum(week) / len(week), 0))


_FTND_FR = (
    "Version française reproduite par Tabac Info Service et l'Assurance Maladie (test de Fagerström en "
    "6 questions), items d'après Etter JF et al. Addiction 1999;94:269-281."
)
FTND = Questionnaire(
    key="ftnd",
    title="Fagerström Test for Nicotine Dependence",
    items=_FTND_ITEMS,
    score=score_ftnd,
    bands=FTND_BANDS,
    min_interval_days=28,
    licence_note="Published; freely reproduced by French public bodies (HAS, Tabac Info Service). Cite.",
    reference="Heatherton TF et al. Br J Addict 1991;86:1119-1127. doi:10.1111/j.1360-0443.1991.tb01879.x",
    derived=(
        Derived(
            "hsi",
            "Heaviness of Smoking Index",
            "{score}",
            hsi_score,
            bands=HSI_BANDS,
            hard_min=0,
            hard_max=6,
        ),  # Heatherton et al. 1989: FTND item 1 + item 4
    ),
    languages=(("en", "Heatherton et al. 1991 (original)"), ("fr", _FTND_FR)),
)

_MTSS_LEVELS = (
    "I don't want to stop smoking",
    "I think I should stop smoking but don't really want to",
    "I want to stop smoking but haven't thought about when",
    "I REALLY want to stop smoking but I don't know when I will",
    "I want to stop smoking and hope to soon",
    "I REALLY want to stop smoking and intend to in the next 3 months",
    "I REALLY want to stop smoking and intend to in the next month",
)
MTSS = Questionnaire(
    key="mtss",
    title="Motivation To Stop Scale",
    items=(
        QuestionItem(
            "mtss_1",
            "Which of the following describes you?",
            tuple(Choice(n, level) for n, level in enumerate(_MTSS_LEVELS, start=1)),
        ),
    ),
    score=lambda answers: answers["mtss_1"],
    licence_note="Published; no fee known. Cite.",
    reference="Kotz D, Brown J, West R. Drug Alcohol Depend 2013;128:15-19. doi:10.1016/j.drugalcdep.2012.07.012",
    languages=(("en", "Kotz, Brown & West 2013 (original)"),),
)


def support_prompt(ftnd_total: int | None, *, smoking_logged: bool) -> str | None:
    """§9: smoking logged or FTND ≥ 5 → free help to quit (the page adds the edition's quit line)."""
    if smoking_logged or (ftnd_total is not None and ftnd_total >= 5):
        return N_("Free help to quit is available: a quit line, your doctor or your pharmacist.")
    return None


@dataclass(frozen=True, slots=True)
class QuitProgress:
    """Smoke-free days, cigarettes not smoked and money kept since the quit date."""

    days: int
    cigarettes_avoided: int
    money_saved: Decimal


def quit_progress(
    quit_date: date,
    today: date,
    *,
    baseline_per_day: float,
    pack_price: Decimal | float | str,
    pack_size: int = 20,
    smoked_since_quit: int = 0,
) -> QuitProgress | None:
    """Progress since ``quit_date`` against the pre-quit daily baseline.

    Returns None before the quit date. Cigarettes smoked since the quit date
    (slips) are subtracted, never below zero.
    """
    if quit_date > today:
        return None
    days = (today - quit_date).days
    avoided = max(0, round(baseline_per_day * days) - smoked_since_quit)
    money = (Decimal(str(pack_price)) * avoided / pack_size).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return QuitProgress(days, avoided, money)


def pack_years(periods: Iterable[tuple[float, float]], *, age: int | None = None) -> float:
    """Sum of (cigarettes per day ÷ 20) × years over smoking periods.

    Args:
        periods: (cigarettes per day, years smoked) pairs; roll-your-own 1 g ≈ 1 cigarette.
        age: When given, total years smoked must not exceed age − 8.

    Raises:
        ValueError: Negative inputs, more years than possible, or over 300 pack-years.
    """
    pairs = list(periods)
    if any(cigs < 0 or years < 0 for cigs, years in pairs):
        raise ValueError("Cigarettes per day and years must not be negative.")
    if age is not None and sum(years for _, years in pairs) > age - 8:
        raise ValueError("Years smoked cannot exceed your age minus 8.")
    total = sum(cigs / 20 * years for cigs, years in pairs)
    if total > 300:
        raise ValueError("Pack-years above 300 are not plausible.")
    return round(total, 1)


def _count(key: str, label: str, unit: str, hard_max: float, soft_max: float, *, step: float | None = None) -> Metric:
    kind: MetricKind = "integer" if step is None else "decimal"
    return Metric(
        key,
        label,
        kind,
        unit=unit,
        hard_min=0,
        hard_max=hard_max,
        soft_max=soft_max,
        step=step,
        category="social-history",
    )


TRACKER = Tracker(
    slug="tobacco",
    name="Tobacco",
    description="Cigarettes and other tobacco or nicotine products, day by day.",
    metrics=(
        Metric(
            "cigs_today",
            "Cigarettes",
            "integer",
            unit="/d",
            loinc="96103-7",  # Tobacco amount per day (nRate, /d)
            hard_min=0,
            hard_max=200,
            soft_max=60,
            required=True,
            category="social-history",
        ),
        _count("cigars", "Cigars", "/d", 100, 20),
        _count("pipes", "Pipes", "/d", 100, 20),
        _count("ryo_g", "Roll-your-own tobacco", "g", 200, 60, step=0.5),
        _count("ecig_sessions", "E-cigarette sessions", "/d", 500, 100),
        _count("ecig_ml", "E-liquid", "mL", 100, 20, step=0.1),
        Metric("craving", "Craving", "scale", unit="{score}", hard_min=0, hard_max=10, help="0 none – 10 extreme"),
    ),
    questionnaires=(FTND, MTSS),
    chart=ChartSpec(series=("cigs_today",), kind="bar", y_label="Cigarettes", moving_average_days=7),
    reminder="How many cigarettes today? Zero counts too.",
    category="social-history",
    references=("Heatherton TF et al. Br J Addict 1989;84:791-799 (HSI).",),
)
