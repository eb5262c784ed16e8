"""Regenerate docs/report.png, the README's picture of the HTML report.

    python scripts/report_screenshot.py

Renders a growth-stage plan with the installed ecomteam, opens it in headless
Chromium at 1280 px and saves the top of the page as a small PNG.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from browser import launch
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "report.png"
PLAN = ["recommend", "--stage", "growth", "--orders-per-day", "120", "--channel", "own-site,marketplace",
        "--budget", "15000", "--monthly-revenue", "150000", "--start", "2027-01-01"]  # fmt: skip


def main() -> None:
    """Render the plan, photograph its first screens, write docs/report.png."""
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "plan.html"
        command = [sys.executable, "-m", "ecomteam", *PLAN, "-o", str(page_file)]
        subprocess.run(command, check=True)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 1100}, device_scale_factor=0.6)
            page.goto(page_file.as_uri())
            page.screenshot(path=str(TARGET), clip={"x": 0, "y": 0, "width": 1280, "height": 1450}, full_page=True)
            browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
