"""Health Box metadata."""

from __future__ import annotations

from core.api import PluginMeta

__all__ = ["META"]

META = PluginMeta(
    slug="healthbox",
    name="Health Box",
    version="0.1.0",
    description="Private daily health records (weight, feeling, sleep, tobacco, food, activity), charts, exports.",
    kind="tracker",
    data_categories=("health_records", "questionnaire_answers", "tracker_settings"),
)
