"""Numbers, dates, units and durations in the edition's locale (Babel).

An edition has a country and one or more languages; the Babel locale is
``<language>_<country>`` (``fr_CH`` and ``de_CH`` on the Swiss edition), so
"72,5 kg", "1 234" and "1 déc. 2026" come out as people of that country
write them. Templates get the same helpers as Jinja filters (see
:func:`jinja_filters`); plugin code gets a :class:`Formats` bound to the
request through ``core.api.formats_for``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jinja2
from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from core.sites import Site

__all__ = [
    "NBSP",
    "Formats",
    "babel_locale",
    "formats",
    "french_typography",
    "jinja_filters",
    "language_tag",
]

NBSP = "\u00a0"
NNBSP = "\u202f"
# A plain space (or none) before : ; ? ! — and inside « » — becomes non-breaking in French.
_BEFORE_PUNCT = re.compile(r"(?<=\S) ([:;?!»])")
_AFTER_GUILLEMET = re.compile(r"« ")
# Duration words per language: (hours, minutes); "7 h 30" is how French writes 7 h 30 min.
_DURATION = {"fr": ("h", "min"), "en": ("h", "min"), "de": ("Std.", "Min.")}
_TIGHT_UNITS = frozenset({"%"})
_SKELETONS = {"medium": "yMMMd", "day": "MMMd"}  # English writes 12%, French and German 12 %


def french_typography(text: str) -> str:
    """Non-breaking spaces before ``: ; ? !`` and inside guillemets (French rules).

    Only existing spaces are replaced, so ``http://`` and times like ``14:05``
    are untouched.
    """
    return _AFTER_GUILLEMET.sub("«" + NBSP, _BEFORE_PUNCT.sub(NBSP + r"\1", text))


def language_tag(site: Site, language: str | None = None) -> str:
    """BCP 47 tag of an edition's language, e.g. ``fr-CH`` (for ``hreflang``, ``lang``)."""
    return f"{language or site.locale}-{_region(site)}"


def _region(site: Site) -> str:
    """The ISO country of an edition (its gazetteer area may be a subdivision: ``CA-QC``)."""
    return site.country.split("-")[0] or "FR"


@lru_cache(maxsize=64)
def _locale(language: str, country: str) -> Locale:
    try:
        return Locale.parse(f"{language}_{country}")
    except (ValueError, LookupError):
        return Locale.parse(language)


def babel_locale(site: Site, language: str | None = None) -> Locale:
    """The Babel locale for a page of ``site`` in ``language`` (default: the edition's)."""
    return _locale(language or site.locale, _region(site))


@dataclass(frozen=True)
class Formats:
    """Formatting bound to one Babel locale (cheap; cached per edition and language)."""

    locale: Locale

    @property
    def language(self) -> str:
        return str(self.locale.language)

    def number(self, value: float | int | None) -> str:
        """An integer or a decimal with grouping: ``1 234`` (fr), ``1,234`` (en)."""
        if value is None:
            return ""
        return babel_numbers.format_decimal(value, locale=self.locale)

    def decimal(self, value: float | int | None, unit: str | None = None, *, digits: int = 1) -> str:
        """A measurement rounded to ``digits`` (trailing zeros dropped), with its unit.

        ``72.5, "kg"`` gives ``72,5 kg`` on fr and ``72.5 kg`` on uk; the space
        before the unit does not break.
        """
        if value is None:
            return ""
        pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
        text = babel_numbers.format_decimal(value, format=pattern, locale=self.locale)
        if text in ("-0", "−0"):
            text = "0"
        if not unit:
            return text
        if unit in _TIGHT_UNITS and self.language == "en":
            return text + unit
        return f"{text}{NBSP}{unit}"

    def percent(self, ratio: float | None, *, digits: int = 0) -> str:
        """A ratio as a percentage: ``0.85`` gives ``85 %`` (fr) or ``85%`` (en)."""
        return "" if ratio is None else self.decimal(ratio * 100, "%", digits=digits)

    def date(self, value: dt.date | dt.datetime | None, format: str = "medium") -> str:
        """A date: ``1 déc. 2026`` (fr), ``1 Dec 2026`` (uk), ``1. Dez. 2026`` (de).

        ``format`` is ``"medium"`` (day, short month, year), ``"day"`` for day
        and month only (``1 déc.``, ``1. Dez.``, as on chart axes), or a Babel
        width (``short``, ``long``, ``full``).
        """
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        skeleton = _SKELETONS.get(format)
        if skeleton:
            return babel_dates.format_skeleton(skeleton, value, locale=self.locale)
        return babel_dates.format_date(value, format, locale=self.locale)

    def datetime(self, value: dt.datetime | None, tz: dt.tzinfo | None = None, format: str = "short") -> str:
        """Date and time in ``tz`` (the edition's zone when given), e.g. ``1 déc. 2026, 14:05``."""
        if value is None:
            return ""
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        if tz is not None:
            value = value.astimezone(tz)
        day = self.date(value.date())
        clock = babel_dates.format_time(value.timetz(), format, locale=self.locale)
        return f"{day}, {clock}" if format else day

    def time(self, value: dt.time | dt.datetime | str | None) -> str:
        """A clock time (``23:30``; ``11:30 PM`` where the locale says so)."""
        if value in (None, ""):
            return ""
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value) if "T" in value else dt.time.fromisoformat(value)
        if isinstance(value, dt.datetime):
            value = value.time()
        return babel_dates.format_time(value, "short", locale=self.locale)

    def duration(self, minutes: float | int | None) -> str:
        """Hours and minutes: ``7 h 30`` (fr), ``7 h 30 min`` (en), ``7 Std. 30 Min.`` (de)."""
        if minutes is None:
            return ""
        total = round(float(minutes))
        sign = "−" if total < 0 else ""
        hours, mins = divmod(abs(total), 60)
        h_word, m_word = _DURATION.get(self.language, _DURATION["en"])
        if hours == 0:
            return f"{sign}{mins}{NBSP}{m_word}"
        if mins == 0:
            return f"{sign}{self.number(hours)}{NBSP}{h_word}"
        if self.language == "fr":
            return f"{sign}{self.number(hours)}{NBSP}{h_word}{NBSP}{mins:02d}"
        return f"{sign}{self.number(hours)}{NBSP}{h_word}{NBSP}{mins}{NBSP}{m_word}"

    def since(self, value: dt.datetime | None, tz: dt.tzinfo | None = None, *, now: dt.datetime | None = None) -> str:
        """How long ago, under a week (``il y a 3 heures``, ``vor 2 Tagen``); else the date.

        Feeds, threads and notifications show recent activity this way; older
        items get their date so that a reader can place them.
        """
        if value is None:
            return ""
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        age = (now or dt.datetime.now(dt.UTC)) - value
        if dt.timedelta(0) <= age < dt.timedelta(days=7):
            return babel_dates.format_timedelta(-age, add_direction=True, threshold=1.0, locale=self.locale)
        return self.date(value.astimezone(tz) if tz else value)

    def typography(self, text: str) -> str:
        """French punctuation spacing on French pages; other languages unchanged."""
        return french_typography(text) if self.language == "fr" else text


@lru_cache(maxsize=64)
def _formats(language: str, country: str) -> Formats:
    return Formats(_locale(language, country))


def formats(site: Site, language: str | None = None) -> Formats:
    """The :class:`Formats` of ``site`` in ``language`` (cached)."""
    return _formats(language or site.locale, _region(site))


def _of(context: Any) -> Formats:
    """The formats of the page being rendered (its ``site`` and ``lang``)."""
    fmt = context.get("formats")
    if isinstance(fmt, Formats):
        return fmt
    site = context.get("site")
    if site is None:
        return _formats("en", "GB")
    return formats(site, context.get("lang"))


def jinja_filters() -> dict[str, Any]:
    """Filters every template gets: ``{{ 72.5|format_decimal("kg") }}``, ``{{ day|format_date }}`` …"""

    @jinja2.pass_context
    def typography(context: Any, text: Any) -> Any:
        fmt = _of(context)
        if fmt.language != "fr":
            return text
        safe = text if isinstance(text, Markup) else escape(text)
        return Markup(french_typography(str(safe)))  # noqa: S704 - only spaces change in escaped markup

    def bind(name: str) -> Any:
        @jinja2.pass_context
        def call(context: Any, value: Any, *args: Any, **kwargs: Any) -> str:
            return getattr(_of(context), name)(value, *args, **kwargs)  # type: ignore[no-any-return]

        return call

    @jinja2.pass_context
    def language_name(context: Any, code: str) -> str:
        """A language's own-page name, e.g. ``de`` on a French page: ``allemand``."""
        try:
            return str(Locale.parse(code).get_display_name(_of(context).locale) or code)
        except (ValueError, LookupError):
            return code

    names = ("number", "decimal", "percent", "date", "datetime", "time", "duration")
    filters = {f"format_{name}": bind(name) for name in names}
    filters["typography"] = typography
    filters["language_name"] = language_name
    return filters
