"""`--format xlsx`: a workbook for planners, with typed cells, one sheet per view.

A plan gives the team, the rollout, the cost per month, the in-house/outsourced split
and the sources; an assessment its coverage and next hires; a role list its roles.
Numbers are numbers with a display format (money with its currency), dates are dates,
and text is always text, never a formula. openpyxl is imported only here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, assert_never

from ecomteam.errors import UsageError
from ecomteam.i18n import _
from ecomteam.months import add_months
from ecomteam.output import csv, facts
from ecomteam.output.clean import clean
from ecomteam.output.results import (
    AssessmentReport,
    ComparisonReport,
    JobDescription,
    PlanReport,
    Result,
    RoleCard,
    RoleList,
)
from ecomteam.terms import term

if TYPE_CHECKING:
    from openpyxl import Workbook

Cell = str | float | int | date | None
Sheet = tuple[str, Sequence[Sequence[Cell]], dict[str, str]]  # name, header row and rows, number format per column

#: Display formats for the kinds of number a sheet holds.
FTE_FORMAT = "0.0#"
SHARE_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
#: The widest a column is drawn, in characters; longer text wraps.
WIDEST = 60


def money_format(currency: str) -> str:
    """A whole-number money format that shows its currency, e.g. `#,##0 "EUR"`."""
    return f'#,##0 "{currency.replace(chr(34), "")}"'


def render(result: Result) -> bytes:
    """The workbook of a result, as the bytes of an .xlsx file."""
    return workbook_bytes(sheets(result))


def sheets(result: Result) -> list[Sheet]:
    """The sheets a result fills: name, rows (the first is the header) and number formats by column."""
    match result:
        case PlanReport():
            return _plan_sheets(result)
        case AssessmentReport():
            return _assessment_sheets(result)
        case RoleList():
            money = money_format(result.index.catalogue.cost_basis.currency)
            return [("roles", csv.role_rows(result), {"cost_min": money, "cost_max": money})]
        case RoleCard() | JobDescription():
            raise UsageError(csv.TABLES_ONLY.format(format="XLSX"))
        case ComparisonReport():
            return [("comparison", csv.comparison_rows(result), {})]  # FTE and totals share columns: no one format
        case _:
            assert_never(result)


def _plan_sheets(result: PlanReport) -> list[Sheet]:
    plan = result.plan
    money = money_format(plan.profile.currency)
    months = facts.horizon(plan)
    costs = facts.monthly_costs(plan, months)
    cumulative = [sum(costs[: month + 1]) for month in range(months)]
    by_month: list[list[Cell]] = [
        [month + 1, add_months(result.start, month), costs[month], cumulative[month]] for month in range(months)
    ]
    rollout: list[list[Cell]] = [
        [int(number), months_, add_months(result.start, phase.start_month), label, ", ".join(hires), cost]
        for phase, (number, months_, label, hires, cost) in zip(plan.phases, facts.rollout_rows(plan), strict=True)
    ]
    totals = plan.totals
    split: list[list[Cell]] = [
        [label, fte, cost, cost / totals.monthly_cost if totals.monthly_cost else None]
        for label, fte, cost in (("in-house", totals.in_house_fte, totals.in_house_monthly_cost),
                                 ("outsourced", totals.outsource_fte, totals.outsource_monthly_cost),
                                 ("total", totals.fte, totals.monthly_cost))
    ]  # fmt: skip
    articles = result.index.catalogue.articles
    sources: list[list[Cell]] = [["kind", "name", "value", "unit", "basis"]]
    sources += [["cost band", role.name, (role.cost.min + role.cost.max) / 2,
                 f"{plan.profile.currency} a month, middle of {facts.band_text(role)}", facts.cost_basis(role)]
                for role in facts.plan_roles(result)]  # fmt: skip
    sources += [["engagement", engagement.value, terms.cost_factor, "cost factor", terms.source or terms.assumption]
                for engagement, terms in facts.engagements_used(result)]  # fmt: skip
    sources += [["driver", name, figure.value, figure.unit, facts.basis(figure.source, figure.assumption)]
                for name, figure in facts.drivers_used(result)]  # fmt: skip
    sources += [
        ["article", label, title, "", note]
        for label, title, note in facts.article_rows(facts.cited_files(result), articles)
    ]
    sheets: list[Sheet] = [
        ("team", csv.plan_rows(result), {"fte": FTE_FORMAT, "monthly_cost": money}),
        ("rollout", [["phase", "months", "from", "label", "hires", "run_rate"], *rollout],
         {"from": DATE_FORMAT, "run_rate": money}),
        ("costs", [["month", "date", "run_rate", "cumulative_cost"], *by_month],
         {"date": DATE_FORMAT, "run_rate": money, "cumulative_cost": money}),
        ("split", [["sourcing", "fte", "monthly_cost", "share_of_cost"], *split],
         {"fte": FTE_FORMAT, "monthly_cost": money, "share_of_cost": SHARE_FORMAT}),
        ("sources", sources, {}),
    ]  # fmt: skip
    if plan.timeline:
        sheets[2:3] = _timeline_sheets(result, money)
    return sheets


def _timeline_sheets(result: PlanReport, money: str) -> list[Sheet]:
    """The month-by-month sheet (in place of the rollout's costs) and, with peaks, the peaks sheet."""
    plan = result.plan
    header: list[Cell] = ["month", "date", "orders_per_day", "fte", "headcount", "monthly_cost", "temporary_fte",
                          "temporary_cost", "cumulative_cost", "monthly_revenue", "cost_to_revenue",
                          "changes"]  # fmt: skip
    months: list[list[Cell]] = [header] + [
        [month.month, month.date, month.orders_per_day, month.fte, month.headcount, month.monthly_cost,
         month.temporary_fte, month.temporary_cost, month.cumulative_cost, month.monthly_revenue,
         month.cost_to_revenue, facts.month_changes(month, result.index.name)]
        for month in plan.timeline
    ]  # fmt: skip
    formats = {"date": DATE_FORMAT, "orders_per_day": "#,##0.0", "fte": FTE_FORMAT, "monthly_cost": money,
               "temporary_fte": FTE_FORMAT, "temporary_cost": money, "cumulative_cost": money,
               "monthly_revenue": money, "cost_to_revenue": SHARE_FORMAT}  # fmt: skip
    present = facts.timeline_departments_present(plan)
    department_header: list[Cell] = [_("Month"), *(term(category) for category in present)]
    by_department: list[list[Cell]] = [department_header] + [
        [month.date, *(month.departments.get(category, 0.0) for category in present)] for month in plan.timeline
    ]
    department_formats = dict.fromkeys(map(str, department_header[1:]), FTE_FORMAT) | {"Month": DATE_FORMAT}
    sheets: list[Sheet] = [("timeline", months, formats), ("departments", by_department, department_formats)]
    if plan.peaks:
        peaks: list[list[Cell]] = [["peak", "start", "end", "uplift", "role", "fte", "engagement", "cost"]]
        peaks += [[peak.label, peak.start, peak.end, peak.uplift, line.name, line.fte, line.engagement.value,
                   line.cost] for peak in plan.peaks for line in peak.temporary]  # fmt: skip
        peak_formats = {"start": DATE_FORMAT, "end": DATE_FORMAT, "uplift": SHARE_FORMAT, "fte": FTE_FORMAT,
                        "cost": money}  # fmt: skip
        sheets.append(("peaks", peaks, peak_formats))
    return sheets


def _assessment_sheets(result: AssessmentReport) -> list[Sheet]:
    assessment, words = result.assessment, result.words
    money = money_format(assessment.profile.currency)
    hires: list[list[Cell]] = [["order", "role", "name", "engagement", "sourcing", "fte", "phase", "monthly_cost",
                                "gap", "why"]]  # fmt: skip
    hires += [
        [n, hire.role, hire.name, hire.engagement.value, hire.sourcing.value, hire.fte, hire.phase,
         hire.monthly_cost, facts.gap_text(hire, words),
         facts.readable_references(words.reason(hire.reason), result.index.catalogue.articles if result.index else {})]
        for n, hire in enumerate(assessment.next_hires, start=1)
    ]  # fmt: skip
    return [
        ("coverage", csv.coverage_rows(result), {"needed_fte": FTE_FORMAT, "held_fte": FTE_FORMAT}),
        ("next hires", hires, {"fte": FTE_FORMAT, "monthly_cost": money}),
    ]


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """Write sheets into a workbook: bold frozen header, widths from the content, formats by column."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows, formats in sheets:
        _fill(book, name, rows, formats)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(book: Workbook, name: str, rows: Sequence[Sequence[Cell]], formats: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    header = [str(cell) for cell in rows[0]]
    for row in rows:
        sheet.append([clean(cell) if isinstance(cell, str) else cell for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, heading in enumerate(header, start=1):
        letter = get_column_letter(column)
        widest = max(len(_shown(row[column - 1])) for row in rows if column <= len(row))
        sheet.column_dimensions[letter].width = min(max(widest, len(heading)) + 2, WIDEST)
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text from data is never run as a formula, even when it starts with =
                if len(cell.value) > WIDEST:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif heading in formats:
                cell.number_format = formats[heading]


def _shown(cell: Cell) -> str:
    if isinstance(cell, float):
        return f"{cell:,.2f}"
    return "" if cell is None else str(cell)
