"""A complete third-party tracker plugin in a few lines (used by the tests).

It imports only from core: the Health Box turns the declaration into a form,
storage, history, chart, CSV/FHIR export and a dashboard card.
"""

from __future__ import annotations

from core.api import ChartSpec, Metric, PluginMeta, Tracker, hookimpl

META = PluginMeta(slug="hydration", name="Hydration", version="1.0.0", kind="tracker", requires_plugins=("healthbox",))

TRACKER = Tracker(
    slug="hydration",
    name="Hydration",
    description="Glasses of water a day.",
    metrics=(
        Metric(
            "glasses",
            "Glasses of water",
            "integer",
            unit="{glass}",
            hard_min=0,
            hard_max=40,
            soft_max=20,
            required=True,
        ),
    ),
    chart=ChartSpec(series=("glasses",), kind="bar", y_label="glasses"),
)


@hookimpl
def register_tracker_types() -> list[Tracker]:
    return [TRACKER]
