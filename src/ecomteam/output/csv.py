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
from ecomteam.output.results import AssessmentReport, JobDescription, PlanReport, Result, RoleCard, RoleList

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
    header: Row = ["phase", "role", "name", "fte", "sourcing", "engagement", "monthly_cost", "covers", "why", "rules"]
    return [header] + [
        [line.phase, line.role, line.name, line.fte, line.sourcing.value, line.engagement.value, line.monthly_cost,
         " ".join(line.covers), result.words.why(line), " ".join(line.rules)]
        for line in result.plan.team
    ]  # fmt: skip


def coverage_rows(result: AssessmentReport) -> list[Row]:
    """The coverage lines under a header row."""
    header: Row = ["role", "name", "status", "needed_fte", "held_fte", "phase", "people", "detail"]
    return [header] + [
        [item.role, item.name, item.status, item.needed_fte, item.held_fte, item.phase, "; ".join(item.people),
         result.words.reason(item.reason)]
        for item in result.assessment.coverage
    ]  # fmt: skip
