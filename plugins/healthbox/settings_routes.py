"""Health Box settings: height (in the member's unit), quit date, pack price, flags."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from litestar import Request, Response, post
from litestar.response import Redirect

from core.api import (
    FieldError,
    NumberFormat,
    current_member,
    flash,
    gettext_for,
    locale_of,
    parse_locale_decimal,
    parse_value,
    render,
    today,
)
from plugins.healthbox import services
from plugins.healthbox.trackers import weight as weight_tracker
from plugins.healthbox.units import UNITS_SETTING, in_unit, number_format, plain_number, unit_for

__all__ = ["FLAGS", "HEIGHT", "request_format", "settings_form_context", "settings_submit"]

OPT = {"consent": "core.health_data"}
HEIGHT = next(metric for metric in weight_tracker.TRACKER.metrics if metric.key == "height")
FLAGS = ("special_diet", "pregnant", "intentional_loss")
"""Check boxes: no quantitative food advice; pregnant or < 6 months post-partum; losing weight on purpose."""


def request_format(request: Request[Any, Any, Any]) -> NumberFormat:
    """Number notation and unit system of this page (edition + chosen language)."""
    return number_format(request.state.site.code, locale_of(request))


def settings_form_context(settings: Mapping[str, Any], fmt: NumberFormat) -> dict[str, Any]:
    """Values for the settings form: height in the member's unit, numbers in the locale."""
    height_metric = HEIGHT
    unit = unit_for(height_metric, settings, fmt)
    height = settings.get("height_cm")
    units = ((height_metric.unit or "cm", "cm"), *((u.code, u.label) for u in height_metric.display_units))
    return {
        "height": in_unit(height_metric, height, unit, fmt.locale) if height is not None else "",
        "height_unit": unit,
        "height_units": units if fmt.imperial else (),
        "imperial": fmt.imperial,
        "numbers": {
            name: plain_number(settings[name], fmt.locale)
            for name in ("pack_price", "baseline_per_day")
            if settings.get(name) is not None
        },
    }


def _number(text: str, locale: str) -> Decimal:
    number = parse_locale_decimal(text, locale)
    if number is None or not 0 <= number <= 1000:
        raise ValueError(text)
    return number


def _parse_settings(
    form: Mapping[str, Any], fmt: NumberFormat, today: date, _: Any
) -> tuple[dict[str, Any], dict[str, str], str]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    height_metric = HEIGHT
    unit = str(form.get("unit_height", "")) or height_metric.unit or "cm"
    text = str(form.get("height_cm", "")).strip()
    if text:
        try:
            values["height_cm"] = parse_value(height_metric, text, unit=unit, day=today, today=today, fmt=fmt)
        except FieldError as exc:
            errors["height_cm"] = exc.message.render(_)
    quit_text = str(form.get("quit_date", "")).strip()
    if quit_text:
        try:
            quit_day = date.fromisoformat(quit_text)
            if quit_day > today:
                raise ValueError
            values["quit_date"] = quit_day.isoformat()
        except ValueError:
            errors["quit_date"] = _("Enter a past or present date.")
    for name in ("pack_price", "baseline_per_day"):
        text = str(form.get(name, "")).strip()
        if text:
            try:
                values[name] = _number(text, fmt.locale)
            except ValueError:
                errors[name] = _("Enter a number between 0 and 1000.")
    for flag in FLAGS:
        values[flag] = form.get(flag) == "1"
    return values, errors, unit


@post("/settings", name="healthbox:settings", opt=OPT)
async def settings_submit(request: Request[Any, Any, Any]) -> Response[Any]:
    """Height (for BMI, typed in cm, inches or feet + inches), quit date and pack price, flags."""
    member = current_member(request)
    _ = gettext_for(request).gettext
    form = await request.form()
    fmt = request_format(request)
    values, errors, unit = _parse_settings(form, fmt, today(request), _)
    if errors:
        typed = {k: str(form.get(k, "")) for k in ("height_cm", "quit_date", "pack_price", "baseline_per_day")}
        ctx = {"errors": errors, "settings": {f: values.get(f) for f in FLAGS}, "typed": typed, "unit": unit}
        ctx["form"] = settings_form_context({}, fmt) | {"height_unit": unit}
        return await render(request, "healthbox/pages/settings_errors.html", ctx, status=400)
    settings = await services.get_settings(member.id)
    for name, value in values.items():
        await services.set_setting(member.id, name, value)
    if "height_cm" in values and fmt.imperial:
        await services.set_setting(member.id, UNITS_SETTING, {**(settings.get(UNITS_SETTING) or {}), "height": unit})
    return flash(Redirect("/healthbox/", status_code=303), _("Settings saved."))
