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
    """
