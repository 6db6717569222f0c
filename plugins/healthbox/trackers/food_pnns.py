"""The PNNS 2019 rule table F1–F16, in priority order (instrument reference §5).

Sources: Santé publique France (2019), Recommandations relatives à l'alimentation,
à l'activité physique et à la sédentarité pour les adultes; HCSP (2017). F13,
F15 and the "at least 2 alcohol-free days" of F11 are platform heuristics and say
so in their explanation. F17 (seasonal, local, organic) cannot be checked from a
log and F18 belongs to the activity tracker.
"""

from __future__ import annotations

from collections.abc import Callable

from core.api import N_
from plugins.healthbox.trackers.food_rules import (
    FoodContext,
    RuleOutcome,
    ThresholdRule,
    alcohol_week_rule,
    dairy_rule,
    fish_rule,
    oils_rule,
    pregnancy_rule,
)

__all__ = ["RULES"]

RULES: tuple[Callable[[FoodContext], RuleOutcome], ...] = (
    ThresholdRule(
        "F1",
        "increase",
        "day",
        "fruit_veg",
        "at_least",
        5,
        N_("Rule F1 (PNNS): at least 5 portions of fruit and vegetables a day, juice not counted. Today: {value}."),
        N_("A fruit or a vegetable at the next meal brings you closer to 5 a day."),
        N_("5 fruit and vegetables today ({days_met} of your complete days this week)."),
    ),
    ThresholdRule(
        "F2",
        "increase",
        "day",
        "unsalted_nuts",
        "at_least",
        1,
        N_("Rule F2 (PNNS): a small handful of unsalted nuts a day. Today: {value} portions."),
        N_("A small handful of unsalted nuts is an easy daily addition."),
        N_("A handful of unsalted nuts today."),
    ),
    ThresholdRule(
        "F3",
        "increase",
        "week",
        "legumes",
        "at_least",
        2,
        N_("Rule F3 (PNNS): pulses at least twice a week. Last {days} logged days: {value} servings."),
        N_("Lentils, beans or chickpeas twice a week are the PNNS suggestion."),
        N_("Pulses at least twice this week."),
    ),
    ThresholdRule(
        "F4",
        "increase",
        "day",
        "wholegrain_starchy",
        "at_least",
        1,
        N_("Rule F4 (PNNS): a whole-grain starchy food every day. Today: {value} servings."),
        N_("Try a whole-grain version of bread, pasta or rice."),
        N_("A whole-grain starchy food today."),
    ),
    dairy_rule,
    fish_rule,
    ThresholdRule(
        "F7",
        "reduce",
        "week",
        "red_meat_g",
        "at_most",
        500,
        N_(
            "Rule F7 (PNNS): at most 500 g of red meat a week (beef, pork, veal, lamb, offal). "
            "Last {days} logged days: {total} g, about {value} g for 7 days."
        ),
        N_("Poultry, fish, eggs or pulses can replace some of the red meat."),
        N_("Red meat this week stays within the PNNS guide."),
        scale_week=True,
    ),
    ThresholdRule(
        "F8",
        "reduce",
        "week",
        "processed_meat_g",
        "at_most",
        150,
        N_(
            "Rule F8 (PNNS): at most 150 g of charcuterie a week. "
            "Last {days} logged days: {total} g, about {value} g for 7 days."
        ),
        N_("Keeping charcuterie to about 150 g a week is the PNNS suggestion."),
        N_("Charcuterie this week stays within the PNNS guide."),
        scale_week=True,
    ),
    ThresholdRule(
        "F9",
        "reduce",
        "day",
        "sugary_drinks",
        "at_most",
        1,
        N_("Rule F9 (PNNS): at most 1 glass a day of sweet drinks (sodas, syrups, 100 % juice). Today: {value}."),
        N_("The PNNS suggests at most one glass of sweet drinks a day."),
    ),
    ThresholdRule(
        "F10",
        "reduce",
        "day",
        "alcohol_std_drinks",
        "at_most",
        2,
        N_("Rule F10 (Santé publique France): no more than 2 standard drinks a day. Today: {value}."),
        N_("The guide suggests no more than 2 drinks on any day."),
    ),
    alcohol_week_rule,
    pregnancy_rule,
    ThresholdRule(
        "F13",
        "reduce",
        "day",
        "ultra_processed",
        "at_most",
        1,
        N_(
            "Rule F13 (platform heuristic; the PNNS says 'limit' without a number): at most 1 ultra-processed "
            "or Nutri-Score D/E product a day. Today: {value}."
        ),
        N_("Home-made or simply prepared foods can replace some ultra-processed products."),
    ),
    ThresholdRule(
        "F14",
        "reduce",
        "day",
        "salt_g",
        "below",
        5,
        N_("Rule F14 (WHO): less than 5 g of salt a day. Today's estimate: {value} g."),
        N_("Tasting before salting, and using iodised salt, helps keep salt under 5 g a day."),
        only_if_logged=True,
    ),
    oils_rule,
    ThresholdRule(
        "F16",
        "tip",
        "day",
        "sugary_drinks",
        "at_most",
        0,
        N_("Rule F16 (PNNS tip): shown when sweet drinks are logged. Today: {value} glasses."),
        N_("Water is the only drink you really need."),
    ),
)
"""Rules in priority order: the first positive and the first nudge are the ones shown."""
