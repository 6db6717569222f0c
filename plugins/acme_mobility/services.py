"""The walking-aid chooser: four answers in, one suggestion out. Nothing is stored.

The rules follow the usual advice of physiotherapists (a cane for a little
support on one side, a rollator for longer walks with rests, a frame for
poor balance indoors); the page always says to try the aid with a
professional before buying.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.api import N_

__all__ = ["AIDS", "QUESTIONS", "Question", "choose", "read_answers"]


@dataclass(frozen=True)
class Question:
    """One question of the chooser: its field name, text and allowed answers (value, label)."""

    name: str
    text: str
    choices: tuple[tuple[str, str], ...]


QUESTIONS: tuple[Question, ...] = (
    Question(
        "distance",
        N_("How far do you walk on a usual day?"),
        (("short", N_("Less than 100 m")), ("medium", N_("Up to 1 km")), ("long", N_("More than 1 km"))),
    ),
    Question(
        "balance",
        N_("Do you feel unsteady on your feet?"),
        (("never", N_("No, never")), ("sometimes", N_("Yes, sometimes")), ("often", N_("Yes, often"))),
    ),
    Question(
        "rest",
        N_("Do you need to sit down to rest during a walk?"),
        (("no", N_("No, not usually")), ("yes", N_("Yes, I need rests"))),
    ),
    Question(
        "where",
        N_("Where will you use it most?"),
        (("indoors", N_("Indoors")), ("outdoors", N_("Outdoors")), ("both", N_("Both indoors and outdoors"))),
    ),
)

#: Suggestions: key -> (name, why).
AIDS: dict[str, tuple[str, str]] = {
    "cane": (N_("A walking cane"), N_("Light support on one side for walks when your balance is mostly good.")),
    "quad_cane": (
        N_("A four-point cane"),
        N_("Stands on its own and gives steadier support than a cane, indoors and on short walks."),
    ),
    "rollator": (
        N_("A rollator with a seat"),
        N_("Four wheels, brakes and a seat: longer walks outdoors with a rest whenever you need it."),
    ),
    "frame": (
        N_("A walking frame"),
        N_("The most stable support, for short distances indoors when you often feel unsteady."),
    ),
}


def read_answers(raw: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The valid answers, and the names of questions missing or answered with an unknown value."""
    answers: dict[str, str] = {}
    missing: list[str] = []
    for question in QUESTIONS:
        value = raw.get(question.name, "")
        if value in {v for v, _ in question.choices}:
            answers[question.name] = value
        else:
            missing.append(question.name)
    return answers, missing


def choose(answers: dict[str, str]) -> str:
    """The suggested aid (a key of :data:`AIDS`) for four valid answers."""
    if answers["balance"] == "often":
        return "frame" if answers["where"] == "indoors" and answers["distance"] == "short" else "rollator"
    if answers["rest"] == "yes" or answers["distance"] == "long":
        return "rollator"
    if answers["balance"] == "sometimes":
        return "quad_cane" if answers["where"] == "indoors" else "rollator"
    return "cane"
