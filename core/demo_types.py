"""What ``seed_demo_data`` implementations receive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.sites import SiteMap
    from core.tables import Member

__all__ = ["DEMO_PASSWORD", "DemoContext"]

DEMO_PASSWORD = "entraide-demo-2026"  # noqa: S105 - documented demo accounts only


@dataclass(frozen=True)
class DemoContext:
    """Demo members keyed by e-mail, and the editions."""

    members: dict[str, Member]
    sites: SiteMap
