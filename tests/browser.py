"""Headless Chromium for the page tests (the reading view, the dashboard): finding it and running it offline.

Skipped without Chromium (``/usr/bin/chromium``, or ``$QUOTES_CHROMIUM``), except in CI with
``QUOTES_REQUIRE_BROWSER=1``, where a missing browser fails. Install it with ``apt-get install -y chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def find_chromium() -> Optional[str]:
    """The Chromium executable, or None."""
    for candidate in (os.environ.get("QUOTES_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_chromium() -> str:
    """The Chromium executable; skips the test without one (fails in CI with QUOTES_REQUIRE_BROWSER=1)."""
    path = find_chromium()
    if path is None:
        msg = "headless chromium not found (/usr/bin/chromium); install it with `apt-get install -y chromium`"
        if os.environ.get("CI") and os.environ.get("QUOTES_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " (CI with QUOTES_REQUIRE_BROWSER=1)")
        pytest.skip(msg)
    return path


def browse(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with ``args``; every host name resolves to nothing, so a page that fetched
    anything from the network would show it."""
    cmd = [chromium, *FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)
