"""Plugin metadata: the declarative record every plugin exports as ``META``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

__all__ = ["SLUG_RE", "PluginKind", "PluginMeta", "check_core_compatible"]

SLUG_RE = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
PluginKind = Literal["feature", "tracker", "sponsored", "theme-helper"]


@dataclass(frozen=True)
class PluginMeta:
    """What core needs to know about a plugin before loading it.

    Attributes:
        slug: Folder, entry-point name, Piccolo app name and URL prefix.
        name: Human name shown to operators.
        version: The plugin's version.
        description: One sentence for the operator console.
        requires_core: PEP 440 specifier checked against core's version.
        requires_plugins: Slugs that must be installed for this one to load.
        countries: Edition codes where it may be enabled; None means any.
        restricted: Only operators may enable it (e.g. sponsored content).
        kind: feature, tracker, sponsored or theme-helper.
        data_categories: Member-data categories stored (drives the privacy
            contract: a non-empty tuple requires export and erase hooks).
        sponsor: The advertiser behind a sponsored plugin.
        seed_after: Plugins whose demo data this one's builds on, when they
            are installed (soft ordering for ``seed_demo_data``; hard
            dependencies in ``requires_plugins`` come first anyway).
        answers: Permissions (its own or other plugins') this plugin decides
            in ``resolve_permission``. A feature that depends on such a
            decision (e.g. "share with my friends") is offered only when an
            enabled plugin answers it (``core.api.answered``).
    """

    slug: str
    name: str
    version: str
    description: str = ""
    requires_core: str = ">=0.1,<1"
    requires_plugins: tuple[str, ...] = ()
    countries: tuple[str, ...] | None = None
    restricted: bool = False
    kind: PluginKind = "feature"
    data_categories: tuple[str, ...] = field(default_factory=tuple)
    sponsor: str | None = None
    seed_after: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not SLUG_RE.match(self.slug):
            raise ValueError(f"invalid plugin slug {self.slug!r}: must match {SLUG_RE.pattern}")
        try:
            SpecifierSet(self.requires_core)
        except InvalidSpecifier as exc:
            raise ValueError(f"{self.slug}: invalid requires_core {self.requires_core!r}") from exc
        Version(self.version)
        if self.kind == "sponsored" and not self.sponsor:
            raise ValueError(f"{self.slug}: a sponsored plugin must name its sponsor")


def check_core_compatible(meta: PluginMeta, core_version: str) -> str | None:
    """Return why ``meta`` cannot run on this core, or None when it can."""
    if Version(core_version) in SpecifierSet(meta.requires_core):
        return None
    return f"requires core {meta.requires_core}, this is {core_version}"
