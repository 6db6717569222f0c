"""Translatable labels of the operator console: roles, plugin kinds, audit actions.

Stored values stay stable English codes (``operator``, ``plugin.enabled``);
pages show these labels through the catalogs. An action a plugin records that
is not listed here is shown as its code.
"""

from __future__ import annotations

from core.i18n import N_

__all__ = ["ACTION_LABELS", "KIND_LABELS", "ROLE_LABELS", "action_label", "kind_label", "role_label"]

ROLE_LABELS = {
    "member": N_("Member"),
    "pro": N_("Health professional"),
    "moderator": N_("Moderator"),
    "partner": N_("Partner"),
    "operator": N_("Operator"),
}
KIND_LABELS = {
    "feature": N_("Feature"),
    "tracker": N_("Tracker"),
    "sponsored": N_("Sponsored"),
    "theme-helper": N_("Theme helper"),
}
ACTION_LABELS = {
    "plugin.enabled": N_("Plugin enabled"),
    "plugin.disabled": N_("Plugin disabled"),
    "member.role_changed": N_("Role changed"),
    "member.erased": N_("Member erased"),
    "member.pseudonym_changed": N_("Pseudonym changed"),
    "member.email_changed": N_("E-mail address changed"),
}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
