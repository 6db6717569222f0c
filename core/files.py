"""Private files under the data folder: folders 0700, files 0600.

The data folder holds the SQLite database, uploads, media and the e-mail
outbox: health data and addresses. Nothing in it is for other local users,
so everything core writes there goes through these helpers, and
``entraide check`` reports anything that drifted (:func:`permission_problems`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = ["permission_problems", "private_dir", "write_private"]

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents 0700, and make ``path`` 0700.

    ``Path.mkdir(parents=True)`` creates missing parents with the default
    mode (0755 under the usual umask), so e.g. ``media/`` would be readable
    by other users and ``entraide check`` would flag it: each missing folder
    is created here, top-down, with 0700. Existing parents are left alone.
    """
    missing = [path, *(p for p in path.parents if not p.exists())]
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def write_private(path: Path, data: bytes, *, append: bool = False) -> None:
    """Write (or append to) a 0600 file; missing folders are created 0700."""
    if not path.parent.is_dir():
        private_dir(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, data)
    finally:
        os.close(fd)


def _loose(path: Path, is_dir: bool) -> bool:
    mode = stat.S_IMODE(path.stat().st_mode)
    return bool(mode & 0o077) if is_dir else bool(mode & 0o177)


def permission_problems(settings: Settings, limit: int = 5) -> list[str]:
    """Folders not 0700 and files not 0600 under the data folder (and the database files)."""
    found: list[Path] = []
    root = settings.data_path
    if root.is_dir():
        if _loose(root, True):
            found.append(root)
        for folder, dirs, files in os.walk(root):
            base = Path(folder)
            found += [base / d for d in dirs if _loose(base / d, True)]
            found += [base / f for f in files if _loose(base / f, False)]
    db = settings.sqlite_path
    if db is not None:
        for extra in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            if extra.is_file() and _loose(extra, False) and extra not in found:
                found.append(extra)
    return [f"{p} is accessible to other users (chmod {'700' if p.is_dir() else '600'})" for p in found[:limit]] + (
        [f"… and {len(found) - limit} more"] if len(found) > limit else []
    )
