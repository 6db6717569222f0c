"""The exercises: what each one is, how long it takes, which score is followed over time.

Names and instructions are English msgids (translated in the plugin's catalogs).
Scoring a run's trials lives in :mod:`plugins.memoactiv.scored`.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.api import N_

__all__ = [
    "CHECKIN_ORDER",
    "EXERCISES",
    "FAMILIES",
    "OPTIONAL",
    "REQUIRED",
    "Exercise",
]


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: its page slug, family (one Health Box tracker per family) and followed score."""

    slug: str
    family: str
    name: str
    summary: str
    instructions: tuple[str, ...]
    minutes: float
    primary: str
    primary_label: str
    unit: str = ""
    trainable: bool = True
    change_group: str = ""
    """Tasks measuring the same thing count once towards a suggestion (default: the family)."""

    @property
    def group(self) -> str:
        return self.change_group or self.family


EXERCISES: dict[str, Exercise] = {
    e.slug: e
    for e in (
        Exercise(
            "words",
            "words",
            N_("Word list: learning"),
            N_("Learn a list of twelve words, three times."),
            (
                N_("Twelve words will appear one after another, every two seconds."),
                N_("When the list ends, type all the words you remember, in any order, then press “I have finished”."),
                N_("The same list is shown three times. Try to remember more words each time."),
            ),
            4.0,
            "total_learning",
            N_("Words recalled over the three trials (out of 36)"),
        ),
        Exercise(
            "span_forward",
            "span",
            N_("Digits forward"),
            N_("Repeat a sequence of digits in the same order."),
            (
                N_("Digits will appear one at a time, one per second."),
                N_("When the sequence ends, type the digits in the same order on the keypad, then press “Done”."),
                N_("The sequences get longer as long as you repeat at least one of the two sequences of each length."),
            ),
            2.0,
            "longest",
            N_("Longest sequence repeated (digits)"),
        ),
        Exercise(
            "span_backward",
            "span",
            N_("Digits backward"),
            N_("Repeat a sequence of digits in reverse order."),
            (
                N_("Digits will appear one at a time, one per second."),
                N_("When the sequence ends, type the digits in reverse order: the last one first."),
                N_("The sequences get longer as long as you repeat at least one of the two sequences of each length."),
            ),
            2.0,
            "longest",
            N_("Longest sequence repeated backward (digits)"),
        ),
        Exercise(
            "nback",
            "nback",
            N_("Letters: 1-back and 2-back"),
            N_("Spot the letters that repeat."),
            (
                N_("Letters appear one at a time, every two and a half seconds."),
                N_("First block (1-back): press “Same” (or the space bar) when a letter repeats the one just before."),
                N_("Second block (2-back): press “Same” when the letter is the same as the one two letters before."),
                N_("Do nothing for the other letters."),
            ),
            2.5,
            "dprime_2",
            N_("2-back sensitivity (d′)"),
        ),
        Exercise(
            "rt_simple",
            "rt",
            N_("Reaction time: simple"),
            N_("Press as soon as the circle appears."),
            (
                N_("Look at the box. After a short wait, a large circle appears."),
                N_("Press the big button (or the space bar) as soon as you see it."),
                N_("If you press before the circle, the trial starts again."),
            ),
            1.5,
            "median_rt",
            N_("Median reaction time (ms, lower is faster)"),
            "ms",
        ),
        Exercise(
            "rt_choice",
            "rt",
            N_("Reaction time: choice"),
            N_("Press the side where the circle appears."),
            (
                N_("A circle appears on the left or on the right."),
                N_("Press the button on the same side (or the left or right arrow key) as fast as you can."),
            ),
            2.0,
            "median_rt",
            N_("Median reaction time of correct answers (ms, lower is faster)"),
            "ms",
        ),
        Exercise(
            "stroop",
            "stroop",
            N_("Colours and words (Stroop)"),
            N_("Name the colour of the ink, not the word."),
            (
                N_("A colour name appears, written in coloured ink."),
                N_("Press the button of the ink colour, whatever the word says (keys 1 to 4 also work)."),
                N_("Answer as fast as you can without making mistakes."),
            ),
            3.0,
            "interference",
            N_("Interference: extra time when word and ink differ (ms, lower is better)"),
            "ms",
            change_group="interference",
        ),
        Exercise(
            "flanker",
            "flanker",
            N_("Arrows (flanker)"),
            N_("Say where the middle arrow points, whatever the others do. No colours."),
            (
                N_("A row of five arrows appears. Only the middle arrow counts."),
                N_(
                    "Press the button on the side the middle arrow points to (or the left or right arrow key), "
                    "whatever the other arrows do."
                ),
                N_("Answer as fast as you can without making mistakes."),
            ),
            3.0,
            "interference",
            N_("Interference: extra time when the arrows point different ways (ms, lower is better)"),
            "ms",
            change_group="interference",
        ),
        Exercise(
            "words_delayed",
            "words",
            N_("Word list: delayed recall"),
            N_("Recall the words learnt at the start of the check-in."),
            (N_("Type all the words you still remember from the list learnt earlier, then press “I have finished”."),),
            1.0,
            "delayed",
            N_("Words recalled after the delay (out of 12)"),
            trainable=False,
        ),
    )
}

CHECKIN_ORDER = (
    "words",
    "span_forward",
    "span_backward",
    "nback",
    "rt_simple",
    "rt_choice",
    "stroop",
    "flanker",
    "words_delayed",
)
"""Order of a check-in: the word list first and its delayed recall last, other tasks in between."""

FAMILIES = ("span", "nback", "rt", "stroop", "flanker", "words")
REQUIRED = ("words", "span_forward", "span_backward", "rt_simple", "words_delayed")
"""Always in a check-in (about ten minutes); n-back, choice reaction time, Stroop and arrows are added by choice."""
OPTIONAL = ("nback", "rt_choice", "stroop", "flanker")
