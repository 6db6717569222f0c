"""Declarative tracker API: what a Health Box tracker measures, scores and charts.

Tracker plugins import only this stdlib-only module, so a declaration is a plain
frozen value the Health Box can validate, store, chart and export unseen. Labels
and messages are English gettext msgids, translated at render time. Values are
stored in each metric's base unit (UCUM code in ``Metric.unit``); form parsing
lives in :mod:`core.tracker_validation`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

__all__ = [
    "DISCLAIMER",
    "KEY_PATTERN",
    "SLUG_PATTERN",
    "Band",
    "Cadence",
    "ChartSpec",
    "Check",
    "Choice",
    "Derived",
    "DisplayUnit",
    "FhirCategory",
    "Issue",
    "Message",
    "Metric",
    "MetricKind",
    "QuestionItem",
    "Questionnaire",
    "Tracker",
    "find_band",
]

DISCLAIMER = "This tool does not replace a consultation with a health professional."
"""Shown with every result (reference §9); exposed on every result object."""

SLUG_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,30}")
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")

MetricKind = Literal["decimal", "integer", "scale", "choice", "bool", "time", "datetime", "text"]
Cadence = Literal["daily", "weekly"]
FhirCategory = Literal["vital-signs", "survey", "activity", "social-history"]
_UNIT_TEXT = {"/d": "per day", "mL": "ml", "kg/m2": "kg/m²"}


@dataclass(frozen=True, slots=True)
class Message:
    """A gettext msgid plus placeholder values, so the UI translates before formatting."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, msgid: str, **params: Any) -> Message:
        """Build a message from keyword placeholders."""
        return cls(msgid, tuple(sorted(params.items())))

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        """Translate (when given a gettext function), then fill placeholders."""
        text = gettext(self.msgid) if gettext else self.msgid
        return text.format(**dict(self.params))

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Issue:
    """A cross-field problem from a tracker check; ``soft`` asks "are you sure?" instead of rejecting."""

    key: str
    message: Message
    soft: bool = False


Check = Callable[[Mapping[str, Any]], Iterable[Issue]]  # cross-field validator: parsed values -> issues


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice metric or a questionnaire item (value = points)."""

    value: str | int
    label: str


@dataclass(frozen=True, slots=True)
class DisplayUnit:
    """An input unit, ``base = typed × factor``.

    Give the factor as a string or ``Decimal`` ("0.45359237"): it is applied
    exactly, so 70 in is stored as 177.8 cm, not a rounded value.
    ``feet_inches`` (on an inch unit) lets imperial editions type ``5'10"``.
    """

    code: str
    label: str
    factor: Decimal | str | float
    feet_inches: bool = False

    @property
    def exact_factor(self) -> Decimal:
        """The factor as an exact ``Decimal`` (floats are read through ``str``)."""
        return self.factor if isinstance(self.factor, Decimal) else Decimal(str(self.factor))


@dataclass(frozen=True, slots=True)
class Band:
    """A labelled range: closed for integer scores (0–2), half-open for BMI (``high_inclusive=False``)."""

    low: float | None
    high: float | None
    label: str
    high_inclusive: bool = True
    low_inclusive: bool = True

    def contains(self, value: float | Decimal) -> bool:
        """Tell whether ``value`` falls inside this band."""
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        if self.high is None:
            return True
        return value <= self.high if self.high_inclusive else value < self.high


def find_band(bands: Iterable[Band], value: float | Decimal) -> Band | None:
    """Return the first band containing ``value``, or None when none does."""
    return next((band for band in bands if band.contains(value)), None)


def _check_key(key: str, what: str) -> None:
    if not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"{what} {key!r} must match ^[a-z][a-z0-9_]{{0,39}}$ (lower-case snake_case).")


def _check_limits(key: str, *limits: float | None) -> None:
    present = [value for value in limits if value is not None]
    if present != sorted(present):
        raise ValueError(f"Metric {key!r}: limits must satisfy hard_min <= soft_min <= soft_max <= hard_max.")


@dataclass(frozen=True, slots=True)
class Metric:
    """One value a user enters: hard limits reject, soft limits ask for confirmation.

    Decimal metrics are stored exactly as entered (a ``Decimal`` in the base
    unit); ``step`` only sets how many decimals are shown. Limits are checked
    on the exact value, before any rounding.
    ``noon_rollover``: a bare "HH:MM" datetime at 12:00–23:59 means the previous day (sleep diary).
    """

    key: str
    label: str
    kind: MetricKind
    unit: str | None = None
    hard_min: float | None = None
    hard_max: float | None = None
    soft_min: float | None = None
    soft_max: float | None = None
    step: float | None = None
    required: bool = False
    loinc: str | None = None
    choices: tuple[Choice, ...] = ()
    help: str = ""
    display_units: tuple[DisplayUnit, ...] = ()
    multiple: bool = False
    max_length: int | None = None
    noon_rollover: bool = False
    category: FhirCategory | None = None

    def __post_init__(self) -> None:
        _check_key(self.key, "Metric key")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"Metric {self.key!r}: a choice metric needs choices.")
        if self.multiple and self.kind != "choice":
            raise ValueError(f"Metric {self.key!r}: only choice metrics can be multiple.")
        _check_limits(self.key, self.hard_min, self.soft_min, self.soft_max, self.hard_max)

    @property
    def unit_text(self) -> str:
        """The unit as shown next to a number ("" for UCUM annotations like {score})."""
        if self.unit is None or self.unit.startswith("{"):
            return ""
        return _UNIT_TEXT.get(self.unit, self.unit)

    @property
    def places(self) -> int:
        """Decimals shown for this metric: 0 for whole numbers, else those of ``step`` (2 without)."""
        if self.kind in ("integer", "scale"):
            return 0
        if self.step is None:
            return 2
        exponent = Decimal(str(self.step)).normalize().as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 2


@dataclass(frozen=True, slots=True)
class Derived:
    """A computed value; ``compute`` sees parsed values plus earlier derived ones, None if inputs lack.

    ``compute`` returns the stored value (already rounded to what members see,
    e.g. BMI to 1 decimal); ``exact``, when given, returns the unrounded value
    (a ``Fraction``) on which hard limits are checked.
    """

    key: str
    label: str
    unit: str | None
    compute: Callable[[Mapping[str, Any]], Any | None]
    loinc: str | None = None
    inputs: tuple[str, ...] = ()
    hard_min: float | None = None
    hard_max: float | None = None
    soft_min: float | None = None
    soft_max: float | None = None
    bands: tuple[Band, ...] = ()
    category: FhirCategory | None = None
    exact: Callable[[Mapping[str, Any]], Any | None] | None = None

    def __post_init__(self) -> None:
        _check_key(self.key, "Derived key")
        _check_limits(self.key, self.hard_min, self.soft_min, self.soft_max, self.hard_max)


@dataclass(frozen=True, slots=True)
class QuestionItem:
    """A questionnaire item; ``text`` is the item's full published wording (English msgid).

    Other languages take the validated published translation from the catalogue,
    and only for the languages the questionnaire lists in ``languages``.
    """

    key: str
    text: str
    choices: tuple[Choice, ...]
    reversed: bool = False


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """A scored instrument: all items required, raw answers kept, score recomputable.

    ``enabled_by_default=False`` keeps licence-restricted instruments (PSS) behind a feature
    flag; ``bands_note`` qualifies bands that are not the authors' cut-offs ("indicative").
    ``instructions`` is the published instruction text, with the recall period
    (``recall_period_days`` is also the default interval between submissions).
    ``languages`` lists the languages whose validated wording is shipped, each with its
    citation; the questionnaire is off in any other language (empty: every language).
    ``loinc`` codes the total score in exports (a local code is used without one).
    """

    key: str
    title: str
    items: tuple[QuestionItem, ...]
    score: Callable[[Mapping[str, int]], float]
    bands: tuple[Band, ...] = ()
    recall_period_days: int = 0
    min_interval_days: int = 0
    licence_note: str = ""
    reference: str = ""
    validated: bool = True
    enabled_by_default: bool = True
    bands_note: str | None = None
    derived: tuple[Derived, ...] = ()
    version: str = "1"
    instructions: str = ""
    languages: tuple[tuple[str, str], ...] = ()
    loinc: str | None = None

    def __post_init__(self) -> None:
        _check_key(self.key, "Questionnaire key")
        keys = [item.key for item in self.items]
        if not keys or len(set(keys)) != len(keys):
            raise ValueError(f"Questionnaire {self.key!r} needs items with unique keys.")

    def offered_in(self, language: str) -> bool:
        """True when validated wording exists for ``language`` (or no language list was declared)."""
        return not self.languages or language.split("_")[0] in {code for code, _ in self.languages}

    def citation(self, language: str) -> str:
        """The citation of the wording shown in ``language`` ("" when none was declared)."""
        return next((cite for code, cite in self.languages if code == language.split("_")[0]), "")

    @property
    def interval_days(self) -> int:
        """Days between two submissions: the declared interval, else the recall period."""
        return self.min_interval_days or self.recall_period_days


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """How the tracker page charts its data; ``aggregate="week_sum"`` makes weekly bars."""

    series: tuple[str, ...]
    kind: Literal["line", "bar"] = "line"
    y_label: str = ""
    reference_lines: tuple[float, ...] = ()
    reference_bands: tuple[Band, ...] = ()
    aggregate: Literal["day", "week_sum", "week_mean"] = "day"
    moving_average_days: int | None = 7


@dataclass(frozen=True, slots=True)
class Tracker:
    """A self-tracker declaration, checked on construction so mistakes fail at import.

    ``same_day_flag``: key of a bool metric that, when ticked, puts the first
    bare "HH:MM" of ``noon_rollover`` metrics on the entry day itself (day sleep).
    """

    slug: str
    name: str
    description: str
    metrics: tuple[Metric, ...]
    derived: tuple[Derived, ...] = ()
    questionnaires: tuple[Questionnaire, ...] = ()
    chart: ChartSpec | None = None
    cadence: Cadence = "daily"
    reminder: str | None = None
    loinc_panel: str | None = None
    not_validated_note: str | None = None
    category: FhirCategory = "survey"
    checks: tuple[Check, ...] = ()
    references: tuple[str, ...] = ()
    same_day_flag: str | None = None
    _index: dict[str, Metric | Derived] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        if not SLUG_PATTERN.fullmatch(self.slug):
            raise ValueError(f"Tracker slug {self.slug!r} must match ^[a-z][a-z0-9_]{{1,30}}$.")
        if not self.metrics:
            raise ValueError(f"Tracker {self.slug!r} declares no metrics.")
        items: tuple[Metric | Derived, ...] = (*self.metrics, *self.derived)
        for item in items:
            if item.key in self._index:
                raise ValueError(f"Tracker {self.slug!r}: duplicate key {item.key!r}.")
            self._index[item.key] = item
        wanted = [*(self.chart.series if self.chart else ()), *(k for d in self.derived for k in d.inputs)]
        unknown = sorted(set(wanted) - set(self._index))
        if unknown:
            raise ValueError(f"Tracker {self.slug!r}: unknown keys {unknown} in chart or derived inputs.")
        keys = [q.key for q in self.questionnaires]
        if len(set(keys)) != len(keys):
            raise ValueError(f"Tracker {self.slug!r}: duplicate questionnaire keys.")

    def lookup(self, key: str) -> Metric | Derived:
        """Return the metric or derived value declared under ``key`` (KeyError if none)."""
        return self._index[key]

    @property
    def keys(self) -> tuple[str, ...]:
        """Metric keys then derived keys, in declaration order (stable export columns)."""
        return tuple(self._index)
