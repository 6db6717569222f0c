"""Consent hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.hooks import hookspec

if TYPE_CHECKING:
    from core.consent import Purpose

__all__ = ["register_consent_purposes"]


@hookspec
def register_consent_purposes() -> list[Purpose]:
    """Declare the purposes for which the plugin processes member data.

    Policy: collect, strict.
    When: once, at start-up. Each edition's legal pack must hold a text for
    every registered purpose in each of its languages (checked at boot).

    Returns:
        Purposes, named ``<slug>.<purpose>``.

    Example:
        @hookimpl
        def register_consent_purposes():
            from core.api import Purpose, PurposeText

            texts = {
                "en": PurposeText("Hydration reminders", "E-mail me reminders to drink. {controller}"),
                "fr": PurposeText("Rappels d'hydratation", "M'envoyer des rappels pour boire. {controller}"),
                "de": PurposeText("Trink-Erinnerungen", "Mir Erinnerungen zum Trinken senden. {controller}"),
            }
            return [Purpose("hydration.reminders", texts=texts, order=60)]
    """
