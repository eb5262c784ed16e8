"""Headless Chromium for the report's browser tests and its README screenshot.

The machine's own Chromium (Debian's `chromium` package) is driven by Playwright from
PyPI; nothing downloads a browser. The flags keep it from reaching for the network on
its own (updates, sync, field trials), so the only requests are the page's.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

#: Where to find Chromium when `ECOMTEAM_CHROMIUM` does not say.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium to drive: `ECOMTEAM_CHROMIUM`, else the first on PATH."""
    given = os.environ.get("ECOMTEAM_CHROMIUM")
    if given:
        return given
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def launch(playwright: Playwright) -> Browser:
    """Start the machine's Chromium, headless."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
