"""A plugin asked on every page (not edition-cached) whose home card shows on even visits only."""

from __future__ import annotations

from itertools import count
from typing import Any

from core.api import Fragment, PluginMeta, hookimpl

META = PluginMeta(slug="visit_counter", name="Visit counter (test)", version="0.1.0")
_VISITS = count(1)


@hookimpl
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    if slot != "home.public":
        return None
    visit = next(_VISITS)
    return [Fragment(html=f"<p>visit number {visit}</p>")] if visit % 2 == 0 else None
