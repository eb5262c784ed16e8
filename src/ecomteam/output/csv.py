"""`--format csv`: one row per line of a result, for spreadsheets.

A plan gives its team lines, an assessment its coverage lines and a role list its
roles; numbers are written as plain numbers, reasons as their text.
"""

from __future__ import annotations

import csv
import io
from typing import assert_never

from ecomteam.errors import UsageError
from ecomteam.output.clean import clean
from ecomteam.output.facts import readable_references
from ecomteam.output.results import (
    AssessmentReport,
    ComparisonReport,
    JobDescription,
    PlanReport,
    Result,
    RoleCard,
    RoleList,
)

Row = list[str | float | int]

#: Why a spreadsheet format refuses one role's card or job description.
TABLES_ONLY = "{format} holds lines of a table; use it with `roles list`, `recommend` or `assess`"


def render(result: Result) -> str:
    """The CSV text of a result."""
    return table_text(_rows(result))


def table_text(rows: list[Row]) -> str:
    """Rows as CSV text, every cell made safe for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[spreadsheet_cell(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def spreadsheet_cell(cell: str | float | int | None) -> str | float | int | None:
    """Whole numbers without a trailing `.0`; text a spreadsheet would run as a formula quoted, controls removed."""
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str):
        text = clean(cell)
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
    return cell


def _rows(result: Result) -> list[Row]:
    match result:
        case PlanReport():
            return plan_rows(result)
        case AssessmentReport():
            return coverage_rows(result)
        case RoleList():
            return role_rows(result)
        case RoleCard() | JobDescription():
            raise UsageError(TABLES_ONLY.format(format="CSV"))
        case ComparisonReport():
            return comparison_rows(result)
        case _:
            assert_never(result)


def role_rows(result: RoleList) -> list[Row]:
    """The roles under a header row."""
    header: Row = ["id", "name", "category", "first_stage", "sourcing", "cost_min", "cost_max"]
    return [header] + [
        [role.id, role.name, role.category.value, stage.value if (stage := result.first_stages.get(role.id))
         else "", role.sourcing.preferred.value, role.cost.min, role.cost.max]
        for role in result.roles
    ]  # fmt: skip


def plan_rows(result: PlanReport) -> list[Row]:
    """The team lines under a header row."""
    header: Row = ["phase", "role", "name", "fte", "sourcing", "engagement", "monthly_cost", "until_phase",
                   "in_final_team", "covers", "why", "rules"]  # fmt: skip
    articles = result.index.catalogue.articles
    # A starter line (the owner, or a smaller start) ends when its full line takes over: summing the
    # column `in_final_team` marks gives the plan's totals.
    return [header] + [
        [line.phase, line.role, line.name, line.fte, line.sourcing.value, line.engagement.value, line.monthly_cost,
         "" if line.until_phase is None else line.until_phase, "yes" if line.until_phase is None else "no",
         " ".join(line.covers), readable_references(result.words.why(line), articles), " ".join(line.rules)]
        for line in result.plan.team
    ]  # fmt: skip


def comparison_rows(result: ComparisonReport) -> list[Row]:
    """Each role's full-team FTE in every scenario (0 where it has none), then the totals compared."""
    from ecomteam.compare import COMPARED_TOTALS, final_team

    scenarios = result.comparison.scenarios
    teams = [final_team(scenario.plan) for scenario in scenarios]
    header: Row = ["role", "name", *(scenario.name for scenario in scenarios)]
    rows: list[Row] = [header]
    for role in result.index.catalogue.roles:
        if any(role.id in team for team in teams):
            rows.append([role.id, role.name, *(team[role.id][0] if role.id in team else 0 for team in teams)])
    for total in COMPARED_TOTALS:
        values = [getattr(scenario.plan.totals, total) for scenario in scenarios]
        rows.append(["total", total, *("" if value is None else value for value in values)])
    return rows


def coverage_rows(result: AssessmentReport) -> list[Row]:
    """The coverage lines under a header row."""
    articles = result.index.catalogue.articles if result.index else {}
    header: Row = ["role", "name", "status", "needed_fte", "held_fte", "phase", "people", "detail"]
    return [header] + [
        [item.role, item.name, item.status, item.needed_fte, item.held_fte, item.phase, "; ".join(item.people),
         readable_references(result.words.reason(item.reason), articles)]
        for item in result.assessment.coverage
    ]  # fmt: skip
