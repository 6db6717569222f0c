"""Real-browser tests: the Debian Chromium that Playwright drives.

Re-exported by :mod:`core.testing` (the ``entraide`` pytest plugin). A test that
asks for the ``chromium`` fixture is skipped on a machine without Chromium and
fails instead under ``ENTRAIDE_REQUIRE_BROWSER=1`` (set by ``.ci/run``), so CI
never passes by skipping its browser tests.
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["CHROMIUM_ARGS", "chromium"]

# Headless in a container, no calls home, every edition's *.localhost host on loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP *.localhost 127.0.0.1",
]


@pytest.fixture
def chromium() -> str:
    """Path of the Chromium executable for ``playwright.chromium.launch(executable_path=…)``."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("ENTRAIDE_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (ENTRAIDE_REQUIRE_BROWSER=1): apt-get install chromium")
        pytest.skip("Chromium not installed: apt-get install chromium to run browser tests")
    return found
