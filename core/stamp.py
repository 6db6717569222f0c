"""A counter shared by the workers of one host, read without a system call.

The enablement counter (core.enablement) is compared on every request. On
SQLite its committed value is also written to a small file next to the
database; a worker reads that file through a read-only memory map, so the
per-request check is a memory read. A ``stat`` per request looked cheap
(under a microsecond alone) but cost ~9 µs per page in place, most of it the
caches and TLB a system call leaves cold for the code that follows.

The file holds the counter twice, each as :data:`WIDTH` zero-padded ASCII
digits, and is rewritten in place, never shortened, so a mapping never reads
past its end. A read racing a write (bytes copied front to back) sees either
two equal copies of the old or the new value, or two different copies: then
it reads as ``None`` and the caller asks the database, which stays the source
of truth. A reader checks once per :data:`RECHECK_SECONDS` that the path
still names the file it mapped (someone may have deleted or replaced it) and
maps the new one. Shortening the file by hand while workers map it would make
their next read fault (SIGBUS): delete it instead.
"""

from __future__ import annotations

import mmap
import os
import time
from typing import TYPE_CHECKING

from core.files import FILE_MODE

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["RECHECK_SECONDS", "WIDTH", "Stamp"]

WIDTH = 20  # digits of one copy: every write covers both copies
_SIZE = 2 * WIDTH
RECHECK_SECONDS = 1.0


class Stamp:
    """One stamp file: :meth:`write` after a commit, :meth:`read` on every request."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._map: mmap.mmap | None = None
        self._file: tuple[int, int] | None = None  # (device, inode) of the mapped file
        self._recheck_at = 0.0

    def read(self) -> int | None:
        """The stamped value, or None when there is no readable stamp."""
        if time.monotonic() >= self._recheck_at:
            self._follow_path()
        view = self._map
        if view is None:
            return None
        raw = view[:_SIZE]
        if raw[:WIDTH] != raw[WIDTH:]:  # torn by a write under way: the caller asks the database
            return None
        try:
            return int(raw[:WIDTH])
        except ValueError:
            return None

    def write(self, value: int) -> None:
        """Stamp ``value`` (0600 file, rewritten in place)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            os.write(fd, f"{value:0{WIDTH}d}".encode() * 2)
        finally:
            os.close(fd)
        self._recheck_at = 0.0  # the file may be new: this worker maps it on its next read

    def _follow_path(self) -> None:
        """Map the file the path names now (unchanged when it is the mapped one)."""
        try:
            info = os.stat(self.path)
        except OSError:
            self._close()
            return
        if self._map is not None and self._file == (info.st_dev, info.st_ino):
            self._recheck_at = time.monotonic() + RECHECK_SECONDS
            return
        self._close()
        if info.st_size < _SIZE:  # being created, or an older version's stamp: no mapping, stat next time
            return
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return
        try:
            self._map = mmap.mmap(fd, _SIZE, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return
        finally:
            os.close(fd)
        self._file = (info.st_dev, info.st_ino)
        self._recheck_at = time.monotonic() + RECHECK_SECONDS

    def _close(self) -> None:
        if self._map is not None:
            self._map.close()
        self._map, self._file = None, None
