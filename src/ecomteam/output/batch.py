"""What `ecomteam batch` writes: a plan per JSON line, or one summary row per profile.

Each writer takes the outcomes in input order, one at a time, and writes as it goes,
so memory stays flat however many profiles there are. A summary lists a row that
failed with its problem, so the table has one row per profile read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol, assert_never

from ecomteam.output.clean import clean
from ecomteam.vocab import BatchFormat, Engagement

if TYPE_CHECKING:
    from openpyxl.cell import Cell as SheetCell
    from openpyxl.styles import Font

    from ecomteam.batch import Outcome, Summary
    from ecomteam.output.words import Words
    from ecomteam.plan import Plan

Cell = str | float | int | None


def plan_line(plan: Plan, words: Words) -> str:
    """A plan as one line of JSON: the document `recommend --format json` writes, on one line.

    pydantic writes it straight to JSON, about twice as fast as building the dicts first.
    """
    return plan.model_dump_json(context={"words": words}, exclude={"explain"})


@dataclass(frozen=True)
class Column:
    """A summary column: its key (CSV and XLSX header), its heading in markdown, and its value."""

    key: str
    heading: str
    value: Callable[[Summary], Cell]


def _team(summary: Summary, name: Callable[[str, str], str]) -> str:
    from ecomteam.output.words import number

    parts = []
    for staffing in summary.team:
        size = "(owner)" if staffing.engagement is Engagement.OWNER else number(staffing.fte)
        parts.append(f"{name(staffing.role, staffing.name)} {size}")
    return "; ".join(parts)


#: The figures of a summary, in order; `row`, `id` and `problem` frame them.
FIGURES = (
    Column("stage", "Stage", lambda s: s.stage.value),
    Column("fte", "FTE", lambda s: s.fte),
    Column("in_house_fte", "In-house FTE", lambda s: s.in_house_fte),
    Column("outsource_fte", "Outsourced FTE", lambda s: s.outsource_fte),
    Column("monthly_cost", "Monthly cost", lambda s: s.monthly_cost),
    Column("phase_1_monthly_cost", "Phase 1 cost", lambda s: s.phase_1_monthly_cost),
    Column("currency", "Currency", lambda s: s.currency),
    Column("budget", "Budget", lambda s: s.budget),
    Column("cost_to_revenue", "Cost / revenue", lambda s: s.cost_to_revenue),
    Column("warnings", "Warnings", lambda s: s.warnings),
    Column("team", "Team", lambda s: _team(s, lambda role, _name: role)),
)
KEYS = ["row", "id", *(column.key for column in FIGURES), "problem"]


def summary_cells(outcome: Outcome) -> list[Cell]:
    """An outcome as a summary row of plain values (numbers stay numbers)."""
    summary = outcome.summary
    figures = [column.value(summary) for column in FIGURES] if summary else [None] * len(FIGURES)
    problem = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in outcome.problems)
    return [outcome.number, outcome.id, *figures, problem or None]


class Writer(Protocol):
    """Writes outcomes as they come, then finishes the file."""

    def write(self, outcome: Outcome) -> None:
        """Add one profile's outcome."""

    def close(self) -> None:
        """Finish the output (a workbook is saved here)."""


def writer(format: BatchFormat, stream: BinaryIO) -> Writer:
    """The writer of a batch format into a binary stream."""
    match format:
        case BatchFormat.JSONL:
            return _JsonLines(stream)
        case BatchFormat.CSV:
            return _CsvSummary(stream)
        case BatchFormat.XLSX:
            return _XlsxSummary(stream)
        case BatchFormat.MARKDOWN:
            return _MarkdownSummary(stream)
    assert_never(format)


class _JsonLines:
    """One plan per line; a row that failed has no line (its problems go to stderr)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, outcome: Outcome) -> None:
        if outcome.text is not None:
            self.stream.write(outcome.text.encode("utf-8") + b"\n")

    def close(self) -> None:
        self.stream.flush()


class _CsvSummary:
    """Rows written as they come, text always quoted.

    A spreadsheet that splits cells at `;` (as Excel does where the decimal mark is a
    comma) must not find a formula inside a cell.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream  # the caller's: never wrapped, so an error cannot close it
        self.line = io.StringIO()
        self.csv = csv.writer(self.line, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        self._row(KEYS)

    def _row(self, cells: Sequence[Cell]) -> None:
        self.csv.writerow(cells)
        self.stream.write(self.line.getvalue().encode("utf-8"))
        self.line.seek(0)
        self.line.truncate()

    def write(self, outcome: Outcome) -> None:
        from ecomteam.output.csv import spreadsheet_cell

        self._row([spreadsheet_cell(cell) for cell in summary_cells(outcome)])

    def close(self) -> None:
        self.stream.flush()


class _XlsxSummary:
    """A workbook written row by row (openpyxl's write-only mode keeps memory flat)."""

    def __init__(self, stream: BinaryIO) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.stream = stream
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("plans")
        self.sheet.freeze_panes = "C2"  # the header and the row's number and id stay in view
        for index, key in enumerate(KEYS, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = _XLSX_WIDTHS.get(key, 12)
        self.sheet.append([self._cell(key, key, Font(bold=True)) for key in KEYS])

    def _cell(self, key: str, value: Cell, font: Font | None = None) -> SheetCell:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=clean(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # text from the input is never a formula, even when it starts with =
        elif key in _XLSX_FORMATS:
            cell.number_format = _XLSX_FORMATS[key]
        if font is not None:
            cell.font = font
        return cell

    def write(self, outcome: Outcome) -> None:
        self.sheet.append([self._cell(key, value) for key, value in zip(KEYS, summary_cells(outcome), strict=True)])

    def close(self) -> None:
        self.book.save(self.stream)


#: How a spreadsheet shows the summary's numbers, and the columns wider than the rest.
_XLSX_FORMATS = {
    "monthly_cost": "#,##0",
    "phase_1_monthly_cost": "#,##0",
    "budget": "#,##0",
    "cost_to_revenue": "0.0%",
}
_XLSX_WIDTHS = {"row": 6, "id": 16, "team": 80, "problem": 60}


class _MarkdownSummary:
    """A heading, one table row per profile, and a count at the end."""

    def __init__(self, stream: BinaryIO) -> None:
        from ecomteam.output.markdown import md_cell

        self.stream, self.cell = stream, md_cell
        self.planned = self.failed = 0
        headings = ["Row", "Id", *(column.heading for column in FIGURES), "Problem"]
        self._line("# Team plans\n")
        self._line("| " + " | ".join(headings) + " |")
        self._line("|" + "|".join("---" for _ in headings) + "|")

    def _line(self, text: str) -> None:
        self.stream.write(text.encode("utf-8") + b"\n")

    def write(self, outcome: Outcome) -> None:
        summary = outcome.summary
        self.planned += summary is not None
        self.failed += summary is None
        cells = [_markdown_text(key, cell, summary) for key, cell in zip(KEYS, summary_cells(outcome), strict=True)]
        if summary is not None:
            cells[KEYS.index("team")] = _team(summary, lambda _role, name: name)
        self._line("| " + " | ".join(self.cell(cell) for cell in cells) + " |")

    def close(self) -> None:
        noun = "profile" if self.planned + self.failed == 1 else "profiles"
        text = f"\n{self.planned} of {self.planned + self.failed} {noun} planned"
        self._line(text + (f"; {self.failed} with problems." if self.failed else "."))
        self.stream.flush()


#: Summary columns that hold money, shown with their currency in markdown.
_MONEY = frozenset({"monthly_cost", "phase_1_monthly_cost", "budget"})


def _markdown_text(key: str, cell: Cell, summary: Summary | None) -> str:
    """A summary value as a person reads it: money with its currency, a share as a percentage."""
    from ecomteam.output.words import money, number

    if cell is None:
        return ""
    if summary is not None and key in _MONEY and isinstance(cell, float | int):
        return money(cell, summary.currency)
    if key == "cost_to_revenue" and isinstance(cell, float):
        return f"{cell:.1%}"
    return number(cell) if isinstance(cell, float) else str(cell)
