"""Events: how plugins cooperate without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Event"]


@dataclass(frozen=True)
class Event:
    """Something that happened: ``<slug>.<noun>.<past_verb>``, e.g. ``core.member.erased``."""

    name: str
    site: str
    member_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
