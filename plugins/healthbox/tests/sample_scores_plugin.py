"""A plugin that computes scores itself (like MémoActiv) and records them through core.api.record_entry.

Its tracker has no LOINC codes and a questionnaire of its own, so the tests see
the generic FHIR paths (local codes, questionnaire scores) later plugins use.
"""

from __future__ import annotations

from core.api import ChartSpec, Choice, Derived, Metric, PluginMeta, QuestionItem, Questionnaire, Tracker, hookimpl

META = PluginMeta(slug="memgame", name="Memory game", version="1.0.0", kind="tracker", requires_plugins=("healthbox",))


def _total(values):
    span, correct = values.get("span"), values.get("correct")
    return None if span is None or correct is None else span + correct


QUESTIONNAIRE = Questionnaire(
    key="context",
    title="Check-in context",
    items=(QuestionItem("slept_badly", "Did you sleep badly last night?", (Choice(1, "Yes"), Choice(0, "No"))),),
    score=lambda answers: answers["slept_badly"],
)

TRACKER = Tracker(
    slug="memgame",
    name="Memory game",
    description="Scores of the weekly memory check-in, computed by the game.",
    metrics=(
        Metric("span", "Longest span", "integer", unit="{digits}", hard_min=0, hard_max=9, required=True),
        Metric("correct", "Correct trials", "integer", unit="{trials}", hard_min=0, hard_max=14, required=True),
        Metric("dprime", "d′ (2-back)", "decimal", unit="{score}", hard_min=-5, hard_max=10, step=0.01),
    ),
    derived=(Derived("total", "Span + correct", "{score}", _total, inputs=("span", "correct")),),
    questionnaires=(QUESTIONNAIRE,),
    chart=ChartSpec(series=("span",), kind="line", y_label="digits"),
)


@hookimpl
def register_tracker_types():
    return [TRACKER]
