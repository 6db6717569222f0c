"""A plugin whose declarations break the rules: a purpose named after another plugin, a tracker taken."""

from __future__ import annotations

from core.api import Metric, PluginMeta, Purpose, PurposeText, Tracker, hookimpl

META = PluginMeta(slug="bad_declarations", name="Bad declarations", version="1.0.0")


@hookimpl
def register_consent_purposes() -> list[Purpose]:
    return [Purpose("greeter.spam", texts={"en": PurposeText("Spam", "Spam. {controller}")})]


@hookimpl
def register_tracker_types() -> list[Tracker]:
    glasses = Metric("glasses", "Glasses", "integer", unit="{glass}", hard_min=0, hard_max=40)
    return [Tracker(slug="weight", name="Weight again", description="Taken.", metrics=(glasses,))]
