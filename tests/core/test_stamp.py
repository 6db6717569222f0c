"""The enablement stamp: a toggle reaches every worker on its next request, read without a system call."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from core import stamp as stamp_module
from core.enablement import Enablement
from core.stamp import WIDTH, Stamp
from core.testing import run_async

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from litestar import Litestar


def _other_worker(app: Litestar) -> Enablement:
    """A second worker's enablement cache over the same database (nothing shared in memory)."""
    mine = app.state.entraide.enablement
    return Enablement(mine.sites, mine.installed, mine.restricted, mine.countries, sponsored=set(mine.sponsored))


def test_a_toggle_reaches_another_worker_on_its_next_request(app: Litestar) -> None:
    rt = app.state.entraide
    fr = rt.site("fr")
    other = _other_worker(app)
    assert "healthbox" in run_async(app, other.enabled(fr))
    run_async(app, rt.enablement.set(fr, "healthbox", False))
    assert "healthbox" not in run_async(app, other.enabled(fr))
    run_async(app, rt.enablement.set(fr, "healthbox", True))
    assert "healthbox" in run_async(app, other.enabled(fr))


def test_the_stamp_round_trips_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3.enablement"
    writer, reader = Stamp(path), Stamp(path)
    assert reader.read() is None  # no file yet: the caller asks the database
    writer.write(7)
    assert reader.read() == 7
    writer.write(12345)
    assert reader.read() == 12345  # the same mapping sees the rewrite at once
    assert path.read_bytes() == b"%020d%020d" % (12345, 12345)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_replaced_stamp_file_is_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.sqlite3.enablement"
    Stamp(path).write(3)
    reader = Stamp(path)
    assert reader.read() == 3
    path.unlink()  # an operator removed it; a writer creates a new file
    Stamp(path).write(4)
    assert reader.read() == 3  # still the mapped file, until the next path check
    now = stamp_module.time.monotonic()
    monkeypatch.setattr(stamp_module.time, "monotonic", lambda: now + stamp_module.RECHECK_SECONDS + 1)
    assert reader.read() == 4


def test_an_unreadable_stamp_reads_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3.enablement"
    path.write_bytes(b"12")  # an older version's short stamp
    reader = Stamp(path)
    assert reader.read() is None
    path.write_bytes(b"x" * 2 * WIDTH)
    assert Stamp(path).read() is None
    path.write_bytes(b"%020d%020d" % (19, 20))  # a read racing the write from 19 to 20
    assert Stamp(path).read() is None  # the caller asks the database
    Stamp(path).write(9)  # rewritten in place at start-up
    assert os.path.getsize(path) == 2 * WIDTH and reader.read() == 9
