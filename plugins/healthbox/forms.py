"""Turn tracker declarations into form field descriptions for templates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from core.api import Message, Metric, NumberFormat, Tracker
from plugins.healthbox.units import in_unit

__all__ = ["FormField", "error_labels", "form_fields", "render_errors"]


@dataclass(frozen=True)
class FormField:
    """What the template needs to draw one metric's input."""

    metric: Metric
    name: str
    value: str
    error: str | None
    confirm: str | None
    units: tuple[tuple[str, str], ...]
    unit: str


def render_errors(errors: Mapping[str, Message], gettext: Callable[[str], str]) -> dict[str, str]:
    return {key: message.render(gettext) for key, message in errors.items()}


def error_labels(tracker: Tracker, gettext: Callable[[str], str]) -> dict[str, str]:
    """Visible label of every key an entry error may name (the summary says which field is wrong)."""
    labels = {"date": gettext("Date")}
    labels.update({metric.key: gettext(metric.label) for metric in tracker.metrics})
    labels.update({derived.key: gettext(derived.label) for derived in tracker.derived})
    return labels


def _display(metric: Metric, value: Any, unit: str, fmt: NumberFormat) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and metric.kind in ("decimal", "integer", "scale"):
        return value  # what the member typed, shown back unchanged after an error
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if metric.kind in ("decimal", "integer", "scale"):
        return in_unit(metric, value, unit, fmt.locale)
    text = str(value)
    if "T" in text and len(text) >= 16 and text[4] == "-":
        return text[11:16]  # stored ISO datetime → HH:MM for the form
    return text


def form_fields(
    tracker: Tracker,
    values: Mapping[str, Any],
    errors: Mapping[str, str],
    confirm: Mapping[str, str],
    units: Mapping[str, str],
    fmt: NumberFormat | None = None,
) -> list[FormField]:
    """One field per metric, prefilled from ``values`` (raw strings or stored values).

    Stored numbers are shown in the unit of ``units`` (the member's unit) and the
    locale's notation, so saving the form unchanged stores the same value.
    Unit choices are offered only on editions that use imperial units.
    """
    fmt = fmt or NumberFormat()
    fields = []
    for metric in tracker.metrics:
        options = ((metric.unit or "", metric.unit_text), *((u.code, u.label) for u in metric.display_units))
        unit = units.get(metric.key, metric.unit or "")
        fields.append(
            FormField(
                metric=metric,
                name=metric.key,
                value=_display(metric, values.get(metric.key), unit, fmt),
                error=errors.get(metric.key),
                confirm=confirm.get(metric.key),
                units=options if metric.display_units and fmt.imperial else (),
                unit=unit,
            )
        )
    return fields
