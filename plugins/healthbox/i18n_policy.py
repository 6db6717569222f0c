"""Which catalogue entries must stay untranslated in a language (validated wording only).

A questionnaire's items, instructions and answers are shown only in the languages
whose validated published wording it lists (``Questionnaire.languages``). Texts
that belong only to questionnaires off in a language must have no translation
there, so an unvalidated gist can never be shown; the i18n test checks both ways.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.api import Questionnaire, Tracker

__all__ = ["not_shipped"]


def _parts(questionnaire: Questionnaire) -> set[str]:
    items = questionnaire.items
    return {questionnaire.instructions, *(i.text for i in items), *(c.label for i in items for c in i.choices)}


def not_shipped(language: str, trackers: Iterable[Tracker] | None = None) -> set[str]:
    """Msgids used only by questionnaires that are off in ``language``."""
    if trackers is None:
        from plugins.healthbox.trackers import BUILTIN_TRACKERS

        trackers = BUILTIN_TRACKERS
    off: set[str] = set()
    used: set[str] = set()
    for tracker in trackers:
        used.update(c.label for m in tracker.metrics for c in m.choices)
        for questionnaire in tracker.questionnaires:
            (used if questionnaire.offered_in(language) else off).update(_parts(questionnaire))
    return off - used - {""}
