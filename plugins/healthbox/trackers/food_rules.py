"""Building blocks of the PNNS 2019 food rules (reference §5): outcomes, threshold rules, special cases.

Each outcome says which rule fired and why, with the numbers, so a user (or a
reviewing dietitian) can check it. Wording is neutral: foods are never called
"bad"; "reduce" rules talk about swaps and amounts. Weekly limits on amounts
(red meat, charcuterie, alcohol) are scaled to 7 days from the logged days, and
the explanation shows both figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from core.api import N_, Message

__all__ = [
    "MIN_WEEK_DAYS",
    "AdviceKind",
    "FoodContext",
    "RuleOutcome",
    "Status",
    "ThresholdRule",
    "alcohol_week_rule",
    "dairy_rule",
    "fish_rule",
    "oils_rule",
    "pregnancy_rule",
]

AdviceKind = Literal["increase", "go_towards", "reduce", "safety", "tip"]
Status = Literal["met", "not_met", "not_enough_data", "not_applicable"]
MIN_WEEK_DAYS = 5


@dataclass(frozen=True, slots=True)
class FoodContext:
    """What a rule may look at: today's log if complete, and the complete logs of the last 7 days."""

    day: date
    today: Mapping[str, Any] | None
    week: Sequence[Mapping[str, Any]]
    pregnant: bool = False
    entry: Mapping[str, Any] | None = None  # today's entry even if not marked complete (F12)


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """One rule's verdict: ``explanation`` gives the rule and the numbers; ``advice`` the message."""

    rule_id: str
    kind: AdviceKind
    window: Literal["day", "week"]
    status: Status
    explanation: Message
    advice: Message | None = None

    @property
    def positive(self) -> bool:
        """A met rule with an encouraging message (shown first)."""
        return self.status == "met" and self.advice is not None


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _total(week: Sequence[Mapping[str, Any]], key: str) -> float:
    return float(sum(values.get(key) or 0 for values in week))


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """A rule comparing one logged amount (day) or its weekly total with a limit.

    ``why`` may use {value}, {total}, {days} and {days_met}; ``scale_week``
    compares the total scaled to 7 days; ``only_if_logged`` skips empty fields.
    """

    rule_id: str
    kind: AdviceKind
    window: Literal["day", "week"]
    key: str
    test: Literal["at_least", "at_most", "below"]
    limit: float
    why: str
    nudge: str
    praise: str | None = None
    scale_week: bool = False
    only_if_logged: bool = False

    def passes(self, value: float) -> bool:
        if self.test == "at_least":
            return value >= self.limit
        return value <= self.limit if self.test == "at_most" else value < self.limit

    def outcome(self, status: Status, explanation: Message, advice: str | None = None) -> RuleOutcome:
        """Wrap a verdict; the advice shares the explanation's numbers as placeholders."""
        message = Message(advice, explanation.params) if advice else None
        return RuleOutcome(self.rule_id, self.kind, self.window, status, explanation, message)

    def __call__(self, ctx: FoodContext) -> RuleOutcome:
        if self.window == "day" and ctx.today is None:
            return self.outcome(
                "not_enough_data", Message.of("Rule {rule}: today's log is not marked complete.", rule=self.rule_id)
            )
        if self.window == "week" and len(ctx.week) < MIN_WEEK_DAYS:
            return _not_enough(self.rule_id, self.kind, len(ctx.week))
        if self.window == "day":
            raw = ctx.today.get(self.key) if ctx.today is not None else None
            if raw is None and self.only_if_logged:
                return self.outcome("not_applicable", Message.of("Rule {rule}: nothing logged.", rule=self.rule_id))
            total = value = float(raw or 0)
        else:
            total = _total(ctx.week, self.key)
            value = total * 7 / len(ctx.week) if self.scale_week else total
        days_met = sum(1 for values in ctx.week if self.passes(float(values.get(self.key) or 0)))
        why = Message.of(self.why, value=_n(value), total=_n(total), days=len(ctx.week), days_met=days_met)
        met = self.passes(value)
        return self.outcome("met" if met else "not_met", why, self.praise if met else self.nudge)


def _not_enough(rule_id: str, kind: AdviceKind, days: int) -> RuleOutcome:
    why = Message.of(
        "Rule {rule} needs at least 5 complete days out of the last 7 ({days} so far).", rule=rule_id, days=days
    )
    return RuleOutcome(rule_id, kind, "week", "not_enough_data", why)


def _verdict(
    rule_id: str,
    kind: AdviceKind,
    window: Literal["day", "week"],
    met: bool,
    why: Message,
    praise: str | None,
    nudge: str,
) -> RuleOutcome:
    advice = praise if met else nudge
    return RuleOutcome(rule_id, kind, window, "met" if met else "not_met", why, Message.of(advice) if advice else None)


def dairy_rule(ctx: FoodContext) -> RuleOutcome:
    """F5: 2 dairy products a day; fewer than 2 or more than 3 is flagged."""
    if ctx.today is None:
        why = Message.of("Rule {rule}: today's log is not marked complete.", rule="F5")
        return RuleOutcome("F5", "go_towards", "day", "not_enough_data", why)
    value = float(ctx.today.get("dairy") or 0)
    why = Message.of(
        "Rule F5 (PNNS): 2 dairy products a day; we flag fewer than 2 or more than 3. Today: {value}.", value=_n(value)
    )
    nudge = (
        N_("A yoghurt, some cheese or a glass of milk helps reach 2 a day.")
        if value < 2
        else N_("Two dairy products a day are enough.")
    )
    return _verdict(
        "F5", "go_towards", "day", 2 <= value <= 3, why, N_("Your dairy today matches the PNNS guide."), nudge
    )


def fish_rule(ctx: FoodContext) -> RuleOutcome:
    """F6: fish twice a week, at least one of them oily."""
    if len(ctx.week) < MIN_WEEK_DAYS:
        return _not_enough("F6", "go_towards", len(ctx.week))
    fish, oily = _total(ctx.week, "fish"), _total(ctx.week, "oily_fish")
    why = Message.of(
        "Rule F6 (PNNS): fish twice a week, one of them oily. Last {days} logged days: {fish} fish, {oily} oily.",
        days=len(ctx.week),
        fish=_n(fish),
        oily=_n(oily),
    )
    praise, nudge = (
        N_("Fish twice this week, including an oily fish."),
        N_("Fish twice a week, one of them oily (sardines, mackerel, salmon)."),
    )
    return _verdict("F6", "go_towards", "week", fish >= 2 and oily >= 1, why, praise, nudge)


def alcohol_week_rule(ctx: FoodContext) -> RuleOutcome:
    """F11: at most 10 standard drinks a week and at least 2 alcohol-free days ("des jours sans")."""
    if len(ctx.week) < MIN_WEEK_DAYS:
        return _not_enough("F11", "reduce", len(ctx.week))
    total = _total(ctx.week, "alcohol_std_drinks")
    per_week = total * 7 / len(ctx.week)
    free = sum(1 for values in ctx.week if not values.get("alcohol_std_drinks"))
    why = Message.of(
        "Rule F11: at most 10 standard drinks a week and days without alcohol (we check at least 2). "
        "Last {days} logged days: {total} drinks (about {value} for 7 days), {free} days without alcohol.",
        days=len(ctx.week),
        total=_n(total),
        value=_n(per_week),
        free=free,
    )
    nudge = N_("The guide suggests at most 10 drinks a week, with some days without alcohol.")
    return _verdict("F11", "reduce", "week", per_week <= 10 and free >= 2, why, None, nudge)


def pregnancy_rule(ctx: FoodContext) -> RuleOutcome:
    """F12: no alcohol during pregnancy; checked on any logged day, complete or not."""
    if not ctx.pregnant:
        return RuleOutcome(
            "F12", "safety", "day", "not_applicable", Message.of("Rule F12 applies during pregnancy only.")
        )
    drinks = float((ctx.entry or {}).get("alcohol_std_drinks") or 0)
    why = Message.of("Rule F12: no alcohol during pregnancy. Logged today: {value} drinks.", value=_n(drinks))
    return _verdict(
        "F12", "safety", "day", drinks == 0, why, None, N_("During pregnancy, the safest choice is no alcohol at all.")
    )


def oils_rule(ctx: FoodContext) -> RuleOutcome:
    """F15: at least half of added-fat uses are rapeseed, walnut or olive oil (heuristic threshold)."""
    if len(ctx.week) < MIN_WEEK_DAYS:
        return _not_enough("F15", "go_towards", len(ctx.week))
    uses, plant = _total(ctx.week, "added_fat"), _total(ctx.week, "added_fat_plant_oils")
    if uses == 0:
        why = Message.of("Rule F15: no added fats logged this week.")
        return RuleOutcome("F15", "go_towards", "week", "not_applicable", why)
    share = round(100 * plant / uses)
    why = Message.of(
        "Rule F15 (platform heuristic): at least half of added fats from rapeseed, walnut or olive oil. "
        "Last {days} logged days: {share} % of {uses} uses.",
        days=len(ctx.week),
        share=share,
        uses=_n(uses),
    )
    praise = N_("Most of your added fats this week were rapeseed, walnut or olive oil.")
    return _verdict(
        "F15",
        "go_towards",
        "week",
        share >= 50,
        why,
        praise,
        N_("Rapeseed, walnut or olive oil can be your usual added fats."),
    )
