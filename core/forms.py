"""Reading a submitted form the way the edition expects: its language, number format and day.

Plugins get :class:`FormReader` through ``core.api.read_form(request)``::

    form = await read_form(request)
    text = form.text("text", required=True, max_length=500)
    dose = form.decimal("dose", minimum=0, maximum=100)     # "1,5" on fr, "1.5" on uk
    day = form.date("day", required=True)                   # not after today, in the edition's time zone
    if form.errors:
        return await render(request, "x/pages/form.html", {"errors": form.errors, "values": form.values}, status=400)

Every error is a translated sentence keyed by field name, ready for the
template's error summary and ``aria-describedby`` messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from core.i18n import N_
from core.identity.forms import field

if TYPE_CHECKING:
    from litestar import Request

__all__ = ["FormReader", "read_form"]

_MAX_DIGITS = 18
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")  # no exponent, no NaN/Infinity


def _normalise_number(raw: str, sign: str) -> str:
    """``1 234,5`` / ``1.234,5`` (comma locales) and ``1,234.5`` (point locales) to ``1234.5``."""
    text = raw.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("'", "")
    if sign == ",":
        return text.replace(".", "").replace(",", ".") if "," in text else text
    return text.replace(",", "") if "." in text else text.replace(",", ".")


class FormReader:
    """Typed, bounded access to one submitted form; problems gathered in ``errors``."""

    def __init__(self, raw: Any, *, gettext: Any, decimal_sign: str, today: date) -> None:
        self.raw = raw
        self.errors: dict[str, str] = {}
        self.values: dict[str, str] = {}
        self._ = gettext
        self.decimal_sign = decimal_sign
        self.today = today

    def _fail(self, name: str, msgid: str, **values: Any) -> None:
        self.errors.setdefault(name, self._(msgid) % values if values else self._(msgid))

    def _raw(self, name: str, required: bool) -> str:
        value = field(self.raw, name).strip()
        self.values[name] = value
        if not value and required:
            self._fail(name, N_("This field is required."))
        return value

    def text(self, name: str, *, required: bool = False, max_length: int = 500) -> str:
        """Stripped text (NUL removed); an error when missing or longer than ``max_length``."""
        value = self._raw(name, required)
        if len(value) > max_length:
            self._fail(name, N_("At most %(n)s characters."), n=max_length)
        return value

    def decimal(
        self, name: str, *, required: bool = False, minimum: float | None = None, maximum: float | None = None
    ) -> Decimal | None:
        """A number typed the local way (``1,5`` or ``1.5``, spaces as grouping); None when empty."""
        raw = self._raw(name, required)
        if not raw:
            return None
        cleaned = _normalise_number(raw, self.decimal_sign)
        try:
            value = Decimal(cleaned) if _PLAIN_NUMBER.match(cleaned) else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or len(cleaned) > _MAX_DIGITS:
            self._fail(name, N_("Enter a number, for example %(example)s."), example=f"12{self.decimal_sign}5")
            return None
        return self._bounded(name, value, minimum, maximum)

    def integer(
        self, name: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        """A whole number; None when empty."""
        value = self.decimal(name, required=required, minimum=minimum, maximum=maximum)
        if value is None:
            return None
        if value != value.to_integral_value():
            self._fail(name, N_("Enter a whole number."))
            return None
        return int(value)

    def _bounded(self, name: str, value: Decimal, minimum: float | None, maximum: float | None) -> Decimal | None:
        if minimum is not None and value < Decimal(str(minimum)):
            self._fail(name, N_("Enter a value of at least %(min)s."), min=minimum)
            return None
        if maximum is not None and value > Decimal(str(maximum)):
            self._fail(name, N_("Enter a value of at most %(max)s."), max=maximum)
            return None
        return value

    def date(
        self, name: str, *, required: bool = False, allow_future: bool = False, earliest: date | None = None
    ) -> date | None:
        """A day from ``<input type="date">`` (ISO); not after today in the edition's time zone by default."""
        raw = self._raw(name, required)
        if not raw:
            return None
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            self._fail(name, N_("Enter a date."))
            return None
        if not allow_future and value > self.today:
            self._fail(name, N_("This date is in the future."))
            return None
        if earliest is not None and value < earliest:
            self._fail(name, N_("This date is too far in the past."))
            return None
        return value

    def choice(self, name: str, choices: Iterable[str], *, required: bool = False) -> str | None:
        """One of ``choices`` (never trust a submitted option); None when empty."""
        raw = self._raw(name, required)
        if not raw:
            return None
        if raw not in set(choices):
            self._fail(name, N_("Choose one of the options."))
            return None
        return raw

    def checkbox(self, name: str) -> bool:
        """A ticked checkbox (``on``, ``1``, ``true``, ``yes``)."""
        return field(self.raw, name).strip().lower() in ("on", "1", "true", "yes")


async def read_form(request: Request[Any, Any, Any]) -> FormReader:
    """The request's form, read with the edition's language, decimal sign and today's date."""
    from core.render import formats_for, gettext_for
    from core.request_helpers import today

    sign = formats_for(request).locale.number_symbols.get("latn", {}).get("decimal", ".")
    return FormReader(
        await request.form(), gettext=gettext_for(request).gettext, decimal_sign=sign, today=today(request)
    )
