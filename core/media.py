"""Media files plugins store under the data folder (photos, attachments).

Files live in ``<data_dir>/media/<slug>/<random>.<ext>``, created with mode
0600 in a 0700 folder: the web server never serves this folder directly.
A plugin serves its media from its own route *after* its own
authorization check (e.g. only the author's friends see a photo), reading
the file through :func:`media_path`.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from core.context import active_runtime
from core.files import private_dir
from core.meta import SLUG_RE

__all__ = ["delete_media", "media_path", "save_media"]

_EXT = re.compile(r"^[a-z0-9]{1,8}$")
_NAME = re.compile(r"^[0-9a-f]{32}\.[a-z0-9]{1,8}$")


def _folder(slug: str) -> Path:
    if not SLUG_RE.match(slug):
        raise ValueError(f"invalid plugin slug {slug!r}")
    return active_runtime().settings.data_path / "media" / slug


def save_media(slug: str, data: bytes, ext: str) -> str:
    """Store ``data`` for plugin ``slug``; returns the new file's name.

    Args:
        slug: The calling plugin's slug (its own folder).
        data: File content, already validated (e.g. by ``process_image``).
        ext: Extension without the dot, lower-case letters and digits.

    Returns:
        A random name such as ``"3f2a…9c.webp"``: keep it in your table.
    """
    if not _EXT.match(ext):
        raise ValueError(f"invalid media extension {ext!r}")
    folder = _folder(slug)
    if not folder.is_dir():
        private_dir(folder)  # media/ too, not only media/<slug>/
    name = f"{uuid.uuid4().hex}.{ext}"
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return name


def media_path(slug: str, name: str) -> Path:
    """Where a stored file lives (it may have been deleted since).

    Raises:
        ValueError: ``name`` is not a name :func:`save_media` returned
            (no path traversal through a stored value).
    """
    if not _NAME.match(name):
        raise ValueError(f"invalid media name {name!r}")
    return _folder(slug) / name


def delete_media(slug: str, name: str) -> None:
    """Delete a stored file; a missing file is not an error (erasure is idempotent)."""
    media_path(slug, name).unlink(missing_ok=True)
