"""Food tracker: a daily log by food groups and the PNNS 2019 rule engine (reference §5).

Adults only. Daily rules run only on days marked "log complete" (a half-logged
day would look like a poor day); weekly rules need 5 complete days out of 7. At
most 2 messages a day, an encouraging one first. A "special diet or
eating-disorder history" setting turns quantitative nudges off entirely; only
the pregnancy safety rule stays.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from core.api import DISCLAIMER, N_, ChartSpec, Issue, Message, Metric, MetricKind, Tracker
from plugins.healthbox.trackers.food_pnns import RULES
from plugins.healthbox.trackers.food_rules import FoodContext, RuleOutcome

__all__ = ["MAX_ADVICE", "TRACKER", "FoodReport", "FoodSettings", "evaluate_food", "select_advice"]

MAX_ADVICE = 2


def _amount(key: str, label: str, unit: str, hard_max: float, soft_max: float, help_text: str = "") -> Metric:
    """Portions and servings in halves; grams of meat and counts as whole numbers."""
    kind: MetricKind = "integer" if unit in ("g", "{item}", "{use}") and key != "salt_g" else "decimal"
    step = None if kind == "integer" else 0.5
    return Metric(
        key, label, kind, unit=unit, hard_min=0, hard_max=hard_max, soft_max=soft_max, step=step, help=help_text
    )


def _food_checks(values: Mapping[str, Any]) -> Iterator[Issue]:
    """Parts cannot exceed their whole (oily fish is fish; plant oils are added fats)."""
    if (values.get("oily_fish") or 0) > (values.get("fish") or 0):
        yield Issue("oily_fish", Message.of("Oily fish is part of fish: it cannot be more than the fish servings."))
    if (values.get("added_fat_plant_oils") or 0) > (values.get("added_fat") or 0):
        yield Issue("added_fat_plant_oils", Message.of("This cannot be more than all added fats."))


TRACKER = Tracker(
    slug="food",
    name="Food",
    description="What you ate today by food group, with suggestions from the French PNNS guide.",
    metrics=(
        _amount(
            "fruit_veg", "Fruit and vegetables", "{portion}", 30, 15, "A portion is 80–100 g. Juice does not count."
        ),
        _amount("unsalted_nuts", "Unsalted nuts", "{portion}", 10, 4, "A portion is a small handful (30 g)."),
        _amount("legumes", "Pulses", "{serving}", 10, 5, "Lentils, beans, chickpeas."),
        _amount("wholegrain_starchy", "Whole-grain starchy foods", "{serving}", 10, 6),
        _amount("dairy", "Dairy products", "{portion}", 15, 8, "150 ml milk, 125 g yoghurt or 30 g cheese."),
        _amount("fish", "Fish", "{serving}", 10, 4),
        _amount("oily_fish", "Of which oily fish", "{serving}", 10, 4, "Sardines, mackerel, salmon, herring."),
        _amount("red_meat_g", "Red meat", "g", 2000, 500, "Beef, pork, veal, lamb, offal; not poultry."),
        _amount("processed_meat_g", "Charcuterie", "g", 2000, 300),
        _amount(
            "sugary_drinks", "Sweet drinks", "{glass}", 30, 10, "Sodas, syrups, 100 % juice; a glass is 150–200 ml."
        ),
        _amount("alcohol_std_drinks", "Alcoholic drinks", "{drink}", 50, 10, "A standard drink is 10 g of alcohol."),
        _amount("ultra_processed", "Ultra-processed or Nutri-Score D/E products", "{item}", 50, 15),
        _amount("salt_g", "Salt (estimate)", "g", 50, 20),
        _amount("added_fat", "Added fats (uses)", "{use}", 30, 15),
        _amount("added_fat_plant_oils", "Of which rapeseed, walnut or olive oil", "{use}", 30, 15),
        Metric("log_complete", "I logged everything I ate today", "bool"),
    ),
    chart=ChartSpec(series=("fruit_veg",), kind="bar", y_label="Portions", moving_average_days=7),
    reminder="What did you eat today? Tick 'complete' once everything is logged.",
    category="social-history",
    checks=(_food_checks,),
    references=(
        "Santé publique France (2019), recommandations alimentation, activité physique, sédentarité (adultes).",
    ),
)


@dataclass(frozen=True, slots=True)
class FoodSettings:
    """Per-member settings that change which rules apply."""

    special_diet: bool = False
    pregnant: bool = False


@dataclass(frozen=True, slots=True)
class FoodReport:
    """Every rule's status (weekly checklist) and the ≤ 2 messages to show today."""

    day: date
    outcomes: tuple[RuleOutcome, ...]
    advice: tuple[RuleOutcome, ...]
    prompt: str | None = None
    disclaimer: str = DISCLAIMER


def select_advice(outcomes: tuple[RuleOutcome, ...], limit: int = MAX_ADVICE) -> tuple[RuleOutcome, ...]:
    """Safety first, then one encouragement, then one nudge; fill up to ``limit`` in rule order."""
    safety = [o for o in outcomes if o.kind == "safety" and o.status == "not_met"]
    positives = [o for o in outcomes if o.positive]
    nudges = [o for o in outcomes if o.status == "not_met" and o.kind != "safety" and o.advice is not None]
    ordered = safety + positives[:1] + nudges[:1] + nudges[1:] + positives[1:]
    return tuple(ordered[:limit])


def _alcohol_prompt(week: list[Mapping[str, Any]]) -> str | None:
    drinks = [float(values.get("alcohol_std_drinks") or 0) for values in week]
    if sum(drinks) > 10 or sum(1 for d in drinks if d > 2) >= 3:
        return N_("If you would like support about alcohol, a free helpline or your doctor can help.")
    return None


def evaluate_food(log: Mapping[date, Mapping[str, Any]], day: date, settings: FoodSettings | None = None) -> FoodReport:
    """Run the PNNS rules for ``day``.

    Args:
        log: Stored food values by day (at least the 7 days ending on ``day``).
        day: The day to report on.
        settings: Special-diet and pregnancy settings (defaults: off).

    Returns:
        A ``FoodReport``: outcomes for the checklist and at most 2 messages.
    """
    settings = settings or FoodSettings()
    entry = log.get(day)
    window = [log.get(day - timedelta(days=n)) for n in range(7)]
    week = [values for values in window if values is not None and values.get("log_complete")]
    today = entry if entry is not None and entry.get("log_complete") else None
    ctx = FoodContext(day, today, week, settings.pregnant, entry)
    outcomes = tuple(rule(ctx) for rule in RULES)
    if settings.special_diet:
        off = Message.of("Quantitative suggestions are turned off in your settings.")
        outcomes = tuple(
            o if o.kind == "safety" else RuleOutcome(o.rule_id, o.kind, o.window, "not_applicable", off)
            for o in outcomes
        )
    prompt = None if settings.special_diet or len(week) < 5 else _alcohol_prompt(week)
    return FoodReport(day, outcomes, select_advice(outcomes), prompt)
