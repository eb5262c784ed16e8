"""The HTML report as a document: semantic structure, offline, and charts that tell the plan's truth.

The browser checks (layout, visibility, network, accessibility) are in test_browser.py;
these read the markup itself, so they run everywhere.
"""

from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings

from ecomteam.catalogue import RoleIndex
from ecomteam.engine import build_plan
from ecomteam.output import facts
from ecomteam.output.facts import LARGE_TEAM
from ecomteam.output.html import render
from ecomteam.output.results import PlanReport
from ecomteam.plan import Plan
from ecomteam.profile import Profile
from ecomteam.rulebook import RuleBook
from test_engine_properties import profiles

PlanFor = Callable[..., Plan]
START = date(2027, 1, 1)
PROFILES = {
    "startup": {"stage": "startup", "budget": 6000, "monthly_revenue": 40_000},
    "growth": {"stage": "growth", "orders_per_day": 120, "channels": ["own-site", "marketplace"], "budget": 15_000},
    "mature": {"stage": "mature", "channels": ["marketplace", "livestream"], "orders_per_day": 400},
}


class Outline(HTMLParser):
    """What a reader and a screen reader get from the markup: language, title, headings, tables, links out."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.headings: list[int] = []
        self.tables = 0
        self.header_cells_in_head = 0
        self.outside: list[str] = []
        self.svgs_with_title = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
        if tag == "th" and "thead" in self._stack:
            self.header_cells_in_head += 1
        for name in ("src", "href", "action", "data"):
            if values.get(name):
                self.outside.append(str(values[name]))
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            del self._stack[len(self._stack) - 1 - self._stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == "title":
            if "svg" in self._stack:
                self.svgs_with_title += 1
            else:
                self.title += data


def outline(text: str) -> Outline:
    parsed = Outline()
    parsed.feed(text)
    return parsed


@pytest.fixture(params=list(PROFILES), ids=list(PROFILES))
def report(request: pytest.FixtureRequest, plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> PlanReport:
    return PlanReport(plan_for(**PROFILES[request.param]), roles, book, START)


def test_the_document_has_a_language_a_title_and_headings_in_order(report: PlanReport) -> None:
    parsed = outline(render(report))
    assert parsed.lang == "en"
    assert "E-commerce team plan" in parsed.title
    assert parsed.headings[0] == 1
    assert parsed.headings.count(1) == 1
    steps = [later - earlier for earlier, later in zip(parsed.headings, parsed.headings[1:], strict=False)]
    assert max(steps) <= 1  # never from h2 straight to h4


def test_every_table_has_header_cells(report: PlanReport) -> None:
    parsed = outline(render(report))
    assert parsed.tables >= 5
    assert parsed.header_cells_in_head >= 3 * (parsed.tables - 1)  # the summary table has row headers instead


def test_it_requests_nothing_from_outside(report: PlanReport) -> None:
    text = render(report)
    parsed = outline(text)
    assert parsed.outside == []
    assert "url(" not in text
    assert "@import" not in text
    assert text.replace("http://www.w3.org/2000/svg", "").count("http") == 0


def test_charts_are_inline_svg_each_with_a_title(report: PlanReport) -> None:
    text = render(report)
    assert text.count("<svg") == 4  # cost per month, the cost split, departments, the gantt
    assert outline(text).svgs_with_title >= 4


def test_prose_names_roles_and_cites_articles_by_title(report: PlanReport) -> None:
    text = render(report)
    ids = {line.role for line in report.plan.team if line.role != line.name.lower()}
    body = text.split("<main>")[1]
    for role_id in ids:
        assert f">{role_id}<" not in body
        assert f"covers {role_id}" not in body
    assert ".txt" not in body
    assert "Article 1</strong>" in body or "Article 2</strong>" in body


def test_a_large_team_folds_its_org_chart_into_departments(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    large = PlanReport(plan_for(stage="mature"), roles, book, START)
    small = PlanReport(plan_for(stage="startup"), roles, book, START)
    assert len({line.role for line in large.plan.team}) > LARGE_TEAM >= len({line.role for line in small.plan.team})
    assert "<details>" in render(large).split('id="org"')[1].split("</section>\n</section>")[0]
    assert "<details>" not in render(small)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles())
def test_the_last_month_of_the_cost_chart_is_the_full_run_rate(
    profile: Profile, roles: RoleIndex, book: RuleBook
) -> None:
    plan = build_plan(profile, roles.catalogue, book)
    months = facts.horizon(plan)
    costs = facts.monthly_costs(plan, months)
    assert costs[-1] == pytest.approx(plan.totals.monthly_cost, abs=0.5)
    assert costs[0] == pytest.approx(plan.totals.phase_1_monthly_cost, abs=0.5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles())
def test_a_hire_in_the_final_team_runs_to_the_end_of_the_gantt(
    profile: Profile, roles: RoleIndex, book: RuleBook
) -> None:
    plan = build_plan(profile, roles.catalogue, book)
    months = facts.horizon(plan)
    for line in plan.team:
        start, end = facts.line_months(plan, line, months)
        assert 0 <= start < end <= months
        assert (end == months) == (line.until_phase is None)


@pytest.mark.parametrize("output", ["html", "markdown", "csv"])
@pytest.mark.parametrize("profile", list(PROFILES))
def test_documents_cite_articles_by_number_never_by_file_stem(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook, output: str, profile: str
) -> None:
    import re

    from ecomteam.output import render as render_as
    from ecomteam.vocab import OutputFormat

    text = render_as(PlanReport(plan_for(**PROFILES[profile]), roles, book, START), OutputFormat(output))
    assert isinstance(text, str)
    assert not re.search(r"(?<![\d,.])00[0-4](?![\d,.])", text)  # article 000..004 by their stems
    assert ".txt" not in text
    assert "shared/research" not in text
