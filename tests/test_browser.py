"""The HTML reports in a real browser: offline, visible, fitting a desktop and a phone, accessible.

Headless Chromium (Debian's package) driven by Playwright. Without them the tests are
skipped, unless ECOMTEAM_REQUIRE_BROWSER=1 (CI sets it), where a missing browser fails.
The accessibility check runs axe-core and the examples' charts are drawn by mermaid,
both from npm (ECOMTEAM_AXE and ECOMTEAM_MERMAID name their scripts).
Screenshots go to a temporary folder, printed with -s.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Result

pytestmark = pytest.mark.browser

START = ["--start", "2027-01-01"]
REPORTS = {
    "startup": ["recommend", "--stage", "startup", "--budget", "6000", "--monthly-revenue", "40000", *START],
    "growth": ["recommend", "--stage", "growth", "--orders-per-day", "120", "--channel", "own-site,marketplace",
               "--budget", "15000", *START],
    "mature": ["recommend", "--stage", "mature", "--channel", "marketplace,livestream", "--orders-per-day", "400",
               *START],
    "job": ["jd", "customer-service", "--stage", "growth"],
    "timeline": ["recommend", "--stage", "growth", "--orders-per-day", "150", "--months", "12", "--growth", "5%",
                 "--peak", "black-friday", *START],
    "compare": ["compare", "--stage", "growth", "--sweep", "orders_per_day=50..1000/50", *START],
    "roles": ["roles", "list"],
}  # fmt: skip
WIDTHS = {"desktop": 1280, "phone": 390}
REQUIRED = os.environ.get("ECOMTEAM_REQUIRE_BROWSER", "") not in {"", "0"}


def _missing(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}, and ECOMTEAM_REQUIRE_BROWSER is set")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from browser import chromium_path, launch
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[browser]')")
    if chromium_path() is None:
        _missing("no Chromium on PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        started = launch(playwright)
        yield started
        started.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots in {folder}")  # where to look, with -s
    return folder


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from ecomteam.cli import app

    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for name, args in REPORTS.items():
        target = folder / f"{name}.html"
        result: Result = CliRunner().invoke(app, [*args, "-o", str(target)])
        assert result.exit_code == 0, result.output
        made[name] = target
    return made


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> int:
    return WIDTHS[request.param]


def open_page(browser: Any, path: Path, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


@pytest.mark.parametrize("name", list(REPORTS))
def test_a_report_requests_nothing_and_fits_the_screen(
    browser: Any, reports: dict[str, Path], shots: Path, name: str, width: int
) -> None:
    page, requests = open_page(browser, reports[name], width)
    try:
        assert [url for url in requests if not url.startswith("file:")] == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        # Chromium cannot capture a page much taller than 16,000 px in one image: the top is what a reader sees.
        height = min(page.evaluate("document.documentElement.scrollHeight"), 12_000)
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": height})  # fmt: skip
    finally:
        page.close()


@pytest.mark.parametrize("name", ["startup", "growth", "mature"])
def test_the_charts_and_the_org_chart_are_drawn_and_visible(
    browser: Any, reports: dict[str, Path], name: str, width: int
) -> None:
    page, _ = open_page(browser, reports[name], width)
    try:
        charts = page.locator("svg.chart")
        assert charts.count() == 4
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None
            assert box["width"] > 300
            assert box["height"] > 40
        assert page.locator("svg.gantt rect").count() >= page.locator("#team tbody tr").count() / 2
        org = page.locator("#org .dept")
        assert org.count() >= 2
        assert all(org.nth(index).is_visible() for index in range(org.count()))
    finally:
        page.close()


def test_a_folded_org_chart_opens(browser: Any, reports: dict[str, Path]) -> None:
    page, _ = open_page(browser, reports["mature"], 1280)
    try:
        first = page.locator("#org details").first
        role = first.locator("li .who").first
        assert not role.is_visible()
        first.locator("summary").click()
        assert role.is_visible()
    finally:
        page.close()


def _axe_script() -> str:
    path = os.environ.get("ECOMTEAM_AXE")
    if not path or not Path(path).is_file():
        _missing("axe-core is not installed (npm install axe-core; set ECOMTEAM_AXE to its axe.min.js)")
    return Path(str(path)).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(REPORTS))
def test_a_report_has_no_serious_accessibility_violation(
    browser: Any, reports: dict[str, Path], name: str, width: int
) -> None:
    script = _axe_script()
    page, _ = open_page(browser, reports[name], width)
    try:
        page.add_script_tag(content=script)
        found = page.evaluate("async () => (await axe.run(document)).violations")
        serious = [
            f"{item['id']}: {item['help']} ({[node['target'] for node in item['nodes']]})"
            for item in found
            if item["impact"] in {"serious", "critical"}
        ]
        assert serious == []
    finally:
        page.close()


def _mermaid_script() -> Path:
    path = os.environ.get("ECOMTEAM_MERMAID")
    if not path or not Path(path).is_file():
        _missing("mermaid is not installed (npm install mermaid; set ECOMTEAM_MERMAID to its dist/mermaid.min.js)")
    return Path(str(path))


def _render_mermaid(browser: Any, charts: list[str]) -> list[str]:
    """Each chart drawn by mermaid in the browser: its SVG, or `error: ...`."""
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(path=str(_mermaid_script()))
        drawn: list[str] = page.evaluate(
            """async (charts) => {
                mermaid.initialize({startOnLoad: false});
                const drawn = [];
                for (const [index, chart] of charts.entries()) {
                    try { drawn.push((await mermaid.render("chart" + index, chart)).svg); }
                    catch (error) { drawn.push("error: " + error.message); }
                }
                return drawn;
            }""",
            charts,
        )
        return drawn
    finally:
        page.close()


def test_the_mermaid_harness_sees_a_broken_chart(browser: Any) -> None:
    assert _render_mermaid(browser, ["flowchart TD\n    a[unclosed --> b"])[0].startswith("error:")


@pytest.mark.parametrize("example", sorted(ROOT.glob("examples/*/plan.md")), ids=lambda path: path.parent.name)
def test_every_mermaid_chart_of_the_examples_renders(browser: Any, example: Path) -> None:
    import re

    charts = re.findall(r"```mermaid\n(.*?)```", example.read_text(encoding="utf-8"), flags=re.S)
    assert charts
    for chart, drawn in zip(charts, _render_mermaid(browser, charts), strict=True):
        assert drawn.startswith("<svg"), f"{drawn[:200]}\n{chart}"
