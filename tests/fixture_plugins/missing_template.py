"""A plugin whose kept (edition-cached) home card names a template that does not exist."""

from __future__ import annotations

from typing import Any

from core.api import Fragment, PluginMeta, edition_cached, hookimpl

META = PluginMeta(slug="missing_template", name="Missing template (test)", version="0.1.0")


@hookimpl
@edition_cached
def provide_fragments(slot: str, ctx: Any) -> list[Fragment] | None:
    return [Fragment(template="missing_template/nowhere.html")] if slot == "home.public" else None
