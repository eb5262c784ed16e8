"""The markdown plan: tables with consistent columns, well-formed mermaid, sources."""

import re
from collections.abc import Callable
from datetime import date

import pytest
import yaml

from ecomteam.catalogue import RoleIndex
from ecomteam.months import add_months, first_of_next_month
from ecomteam.output.markdown import plan_document
from ecomteam.output.results import PlanReport
from ecomteam.plan import Plan
from ecomteam.rulebook import RuleBook

PlanFor = Callable[..., Plan]
START = date(2027, 1, 31)

PROFILES = {
    "coffee-shop": {"stage": "startup", "goals": ["traffic", "conversion"], "platform": "webflow", "budget": 1500},
    "mature-live": {"stage": "mature", "channels": ["marketplace", "livestream"], "orders_per_day": 400},
    "enterprise": {"stage": "enterprise", "stores": 4, "budget": 90_000, "region": "west-eu"},
}


@pytest.fixture(params=list(PROFILES), ids=list(PROFILES))
def document(request: pytest.FixtureRequest, plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> str:
    return plan_document(PlanReport(plan_for(**PROFILES[request.param]), roles, book, START))


def blocks(document: str, kind: str) -> list[list[str]]:
    return [block.splitlines() for block in re.findall(rf"```{kind}\n(.*?)```", document, flags=re.S)]


def cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row.strip())) - 2


def test_tables_have_consistent_columns(document: str) -> None:
    tables: list[list[str]] = [[]]
    for line in document.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    tables = [table for table in tables if table]
    assert len(tables) >= 5
    for table in tables:
        assert re.fullmatch(r"\|(---\|)+", table[1])
        assert {cells(row) for row in table} == {cells(table[0])}, table[0]


def test_front_matter_only_when_asked_for(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    plan = plan_for(stage="startup")
    assert plan_document(PlanReport(plan, roles, book, START)).startswith("# E-commerce team plan")
    document = plan_document(PlanReport(plan, roles, book, START, front_matter=True))
    assert document.startswith("---\n")
    header = yaml.safe_load(document.split("---\n")[1])
    assert header["generator"].startswith("ecomteam ")
    assert header["start"] == "2027-01-31"
    assert header["profile"]["stage"] == "startup"


def test_org_charts_are_well_formed_mermaid(document: str) -> None:
    charts = blocks(document, "mermaid")[1:]
    assert charts
    for chart in charts:
        assert chart[0] == "flowchart TD"
        nodes = set()
        for line in chart[1:]:
            node = re.fullmatch(r'    ((?:d_)?r_[a-z0-9_]+)\["[^"]+"\]', line)
            edge = re.fullmatch(r"    ((?:d_)?r_[a-z0-9_]+) --> ((?:d_)?r_[a-z0-9_]+)", line)
            assert node or edge, line
            if node:
                nodes.add(node[1])
            else:
                assert edge is not None
                assert {edge[1], edge[2]} <= nodes
        assert "r_end" not in nodes


def test_a_large_team_is_charted_by_department(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    large = plan_document(PlanReport(plan_for(stage="mature"), roles, book, START))
    small = plan_document(PlanReport(plan_for(stage="startup"), roles, book, START))
    overview, *departments = blocks(large, "mermaid")[1:]
    assert all(line.startswith("    d_") for line in overview[1:])  # departments only
    assert len(departments) == len(overview) - 1 - sum("-->" in line for line in overview)
    assert max(len(chart) for chart in departments) < 12  # each small enough to read
    assert len(blocks(small, "mermaid")) == 2  # the gantt and one chart


def test_gantt_is_well_formed_mermaid(document: str) -> None:
    (gantt,) = blocks(document, "mermaid")[:1]
    assert gantt[:4] == [
        "gantt",
        "    title Rollout from 2027-01-31",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %b %Y",
    ]
    ids = set()
    for line in gantt[4:]:
        section = re.fullmatch(r"    section [^:#;]+", line)
        task = re.fullmatch(r"    ([^:#;]+) :(p\d+r\d+), (\d{4}-\d{2}-\d{2}), (\d+)d", line)
        assert section or task, line
        if task:
            assert task[2] not in ids
            ids.add(task[2])
            date.fromisoformat(task[3])


def test_the_chart_is_also_a_nested_list(document: str) -> None:
    listing = document.split("The same chart as a list:\n\n")[1].split("\n\n", maxsplit=1)[0].splitlines()
    assert listing[0].startswith("- ")
    assert all(re.match(r"( {2})*- ", line) for line in listing)


def test_every_role_has_kpis_and_reasons(document: str, roles: RoleIndex) -> None:
    for heading in re.findall(r"^### .+ \(`([a-z0-9-]+)`\)$", document, flags=re.M):
        role = roles.role(heading)
        assert role is not None
        section = document.split(f"(`{heading}`)")[1].split("\n### ", maxsplit=1)[0]
        assert "**KPIs to track:**" in section
        assert role.kpis[0] in section


def test_the_checklist_has_the_six_steps(document: str) -> None:
    checklist = document.split("## Action checklist")[1].split("\n## ", maxsplit=1)[0]
    assert [int(n) for n in re.findall(r"^(\d)\. \*\*", checklist, flags=re.M)] == [1, 2, 3, 4, 5, 6]


def test_sources_list_every_figure(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    document = plan_document(PlanReport(plan_for(stage="growth", orders_per_day=500), roles, book, START))
    sources = document.split("## Assumptions and sources")[1]
    assert "contacts_per_order" in sources
    assert "Gorgias" in sources
    assert "cost factor" in sources
    assert "Cómo crear un equipo de comercio electrónico" in sources  # the article by its title
    assert "(Spanish; in English: How to build" in sources
    assert "_da0d42dd14e3d136" not in document  # never by its file name


def test_same_input_same_document(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    first = plan_document(PlanReport(plan_for(**PROFILES["coffee-shop"]), roles, book, START))
    assert first == plan_document(PlanReport(plan_for(**PROFILES["coffee-shop"]), roles, book, START))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2026, 11, 1), 3, date(2027, 2, 1)),
        (date(2027, 12, 1), 12, date(2028, 12, 1)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("today", "expected"), [(date(2026, 11, 22), date(2026, 12, 1)), (date(2026, 12, 31), date(2027, 1, 1))]
)
def test_default_start_is_the_first_of_next_month(today: date, expected: date) -> None:
    assert first_of_next_month(today) == expected


def test_figures_are_written_out_and_a_rule_s_ceiling_is_named(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook
) -> None:
    plan = plan_for(stage="enterprise", skus=1_000_000, orders_per_day=2_000)
    document = plan_document(PlanReport(plan, roles, book, START))
    assert "e+0" not in document
    assert "SKUs 1,000,000 /" in document
    capped = [line for line in document.splitlines() if "(the rule's ceiling)" in line]
    assert capped
    assert all(line.startswith("- SKUs 1,000,000") for line in capped)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Article 002's team (000 Q2).", "Article 3's team (article 1 Q2)."), ("(004)", "(article 5)"),
     ("of article 000's checklist", "of article 1's checklist"), ("EUR 1,000 a month", "EUR 1,000 a month"),
     ("2000 orders", "2000 orders")],
)  # fmt: skip
def test_article_references_are_numbered_as_the_sources_list_them(roles: RoleIndex, text: str, expected: str) -> None:
    from ecomteam.output.facts import readable_references

    assert readable_references(text, roles.catalogue.articles) == expected


@pytest.mark.parametrize("profile", list(PROFILES))
def test_a_gantt_bar_runs_to_the_end_of_the_chart_unless_the_line_steps_up(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook, profile: str
) -> None:
    from datetime import timedelta

    from ecomteam.output.facts import horizon

    plan = plan_for(**PROFILES[profile])
    (gantt,) = blocks(plan_document(PlanReport(plan, roles, book, START)), "mermaid")[:1]
    ends = []
    for line in gantt:
        task = re.fullmatch(r"    [^:]+ :p\d+r\d+, (\d{4}-\d{2}-\d{2}), (\d+)d", line)
        if task:
            ends.append(date.fromisoformat(task[1]) + timedelta(days=int(task[2])))
    chart_end = add_months(START, horizon(plan))
    assert len(ends) == len(plan.team)
    assert ends.count(chart_end) == sum(line.until_phase is None for line in plan.team)
    assert max(ends) == chart_end
