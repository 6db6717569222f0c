"""Plugins from local folders (``ENTRAIDE_PLUGIN_PATHS``): develop without installing.

Each entry of the ``plugin_paths`` setting (``ENTRAIDE_PLUGIN_PATHS``,
comma-separated) is a plugin *project* folder: the one holding its
``pyproject.toml``. Core reads the ``[project.entry-points."entraide.plugins"]``
table there, puts the folder (or its ``src/``) on ``sys.path`` and loads
those entry points exactly as if the package were installed. Nothing is
installed into the environment, so ``uv sync`` cannot remove it; unset the
variable and the plugin is gone.

A folder without ``pyproject.toml`` but with an ``__init__.py`` is taken as
the plugin package itself (entry-point name = folder name).
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path

__all__ = ["PluginPathError", "entry_points_in"]


class PluginPathError(ValueError):
    """A configured plugin folder cannot be used; the message says why."""


def _on_path(folder: Path) -> None:
    entry = str(folder)
    if entry not in sys.path:
        sys.path.insert(0, entry)


def entry_points_in(raw: str, group: str) -> dict[str, str]:
    """``{name: "module[:attr]"}`` declared by the plugin project at ``raw`` (added to ``sys.path``).

    Raises:
        PluginPathError: The folder does not exist or declares no plugin.
    """
    folder = Path(raw).expanduser().resolve()
    if not folder.is_dir():
        raise PluginPathError(f"ENTRAIDE_PLUGIN_PATHS: {folder} is not a folder")
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        if not (folder / "__init__.py").is_file():
            raise PluginPathError(f"ENTRAIDE_PLUGIN_PATHS: {folder} has neither pyproject.toml nor __init__.py")
        _on_path(folder.parent)
        importlib.invalidate_caches()
        return {folder.name: folder.name}
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PluginPathError(f"ENTRAIDE_PLUGIN_PATHS: {pyproject}: invalid TOML: {exc}") from None
    declared = data.get("project", {}).get("entry-points", {}).get(group, {})
    if not declared:
        raise PluginPathError(f'ENTRAIDE_PLUGIN_PATHS: {pyproject} declares no [project.entry-points."{group}"]')
    _on_path(folder / "src" if (folder / "src").is_dir() else folder)
    importlib.invalidate_caches()
    return {str(name): str(value) for name, value in declared.items()}
