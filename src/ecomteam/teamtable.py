"""A team as a table: a CSV file or a workbook's first sheet, one person per row.

The columns are the fields of a person in a team file (`name`, `roles`, `fte` or
`hours_per_week`, `engagement`, and optionally `sourcing` and `skills`); lists are
separated by `;` or `,`. The table becomes the same document a team YAML file gives,
with each value's cell as its place, so every problem is reported at its row and
column by the same checks as YAML.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ecomteam.errors import DataError, Problem
from ecomteam.i18n import _
from ecomteam.validation import sort_problems

TableKind = Literal["csv", "xlsx"]
Place = tuple[int, int]  # 1-based line (or sheet row) and column

#: The file name endings read as a team table rather than YAML.
TABLE_SUFFIXES: dict[str, TableKind] = {".csv": "csv", ".xlsx": "xlsx"}


@dataclass(frozen=True)
class TableDocument:
    """A team table read into the mapping a team YAML file holds, with the cell of every value."""

    source: str
    data: dict[str, Any]
    places: dict[tuple[str | int, ...], Place]

    def node_at(self, loc: Sequence[str | int], *, key: bool = False) -> None:  # noqa: ARG002 - as YamlDocument
        """A table has no YAML nodes."""
        return

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:  # noqa: ARG002
        """The cell of `loc`, or of the nearest row or column above it."""
        for depth in range(len(loc), 0, -1):
            if (found := self.places.get(tuple(loc[:depth]))) is not None:
                return found
        return None, None


def read_team_table(data: bytes, source: str, kind: TableKind) -> TableDocument:
    """Read a team table into a document for `ecomteam.assess.resolve_team`.

    Raises:
        DataError: Not UTF-8 or not a workbook, no header, an unknown or repeated column,
            or a number that could be read two ways.
    """
    rows = _csv_rows(data, source) if kind == "csv" else _xlsx_rows(data, source)
    header_line, header = next(rows, (1, []))
    columns = _columns(header, header_line, source)
    people: list[dict[str, Any]] = []
    places: dict[tuple[str | int, ...], Place] = {}
    problems: list[Problem] = []
    for line, cells in rows:
        if not any(_filled(cell) for cell in cells):
            continue
        index = len(people)
        person: dict[str, Any] = {}
        places[("people", index)] = (line, 1)
        for position, name in columns:
            raw = cells[position] if position < len(cells) else None
            if not _filled(raw):
                continue
            places[("people", index, name)] = (line, position + 1)
            try:
                person[name] = _value(name, raw)
            except ValueError as exc:
                person[name] = raw
                problems.append(Problem(source, str(exc), f"people[{index}].{name}", line, position + 1))
        people.append(person)
    if not people:
        raise DataError([Problem(source, _("no people: add one row per person under the header"), line=header_line)])
    document = TableDocument(source, {"people": people}, places)
    if problems:
        raise DataError(sort_problems(problems + _other_problems(document, problems)), "team")
    return document


def _other_problems(document: TableDocument, found: list[Problem]) -> list[Problem]:
    """The schema's problems with the rest of the table, so one run reports them all."""
    from ecomteam.assess import Team
    from ecomteam.validation import validated

    try:
        validated(document, Team, "team")
    except DataError as exc:
        seen = {problem.path for problem in found}
        return [problem for problem in exc.problems if problem.path not in seen]
    return []


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _columns(header: Sequence[object], line: int, source: str) -> list[tuple[int, str]]:
    from ecomteam.batch import column_name
    from ecomteam.output.starters import TEAM_COLUMNS
    from ecomteam.suggest import did_you_mean

    columns, problems, seen = [], [], set()
    for position, title in enumerate(header):
        name = column_name("" if title is None else str(title))
        if not name:
            continue
        if name not in TEAM_COLUMNS:
            message = f"unknown column {title!r}{did_you_mean(name, TEAM_COLUMNS)}; the columns are: "
            problems.append(Problem(source, message + ", ".join(TEAM_COLUMNS), line=line, column=position + 1))
        elif name in seen:
            problems.append(
                Problem(
                    source, _("the column {name!r} is given twice").format(name=name), line=line, column=position + 1
                )
            )
        seen.add(name)
        columns.append((position, name))
    if not columns:
        problems.append(Problem(source, _("no header row: the first row names the columns (name, roles, ...)"), line=1))
    if problems:
        raise DataError(problems, "team")
    return columns


#: Columns that hold a list, and columns that hold a number.
_LISTS = frozenset({"roles", "skills"})
_NUMBERS = frozenset({"fte", "hours_per_week"})


def _value(name: str, raw: object) -> Any:
    """A cell as the team file's field takes it: lists split, numbers checked for a doubtful separator."""
    from ecomteam.batch import number_text_problem

    if not isinstance(raw, str):
        return [raw] if name in _LISTS else raw
    text = raw.strip()
    if name in _LISTS:
        return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    if name in _NUMBERS and (problem := number_text_problem(text)):
        raise ValueError(problem)
    return text


def _csv_rows(data: bytes, source: str) -> Iterator[tuple[int, list[str]]]:
    from ecomteam.batch import sniff_delimiter

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(source, _("not UTF-8 text; save the file as UTF-8"))], "team") from exc
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    consumed = 0
    try:
        for cells in reader:
            start, consumed = consumed + 1, reader.line_num
            yield start, cells
    except csv.Error as exc:
        problem = Problem(source, _("not a CSV file that can be read ({reason})").format(reason=exc), line=consumed + 1)
        raise DataError([problem]) from exc


def _xlsx_rows(data: bytes, source: str) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    from ecomteam.batch import check_unpacked_size

    stream = io.BytesIO(data)
    check_unpacked_size(stream, source)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:
        problem = Problem(source, _("not an Excel workbook (.xlsx) that can be read: {reason}").format(reason=exc))
        raise DataError([problem], "team") from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the size a workbook declares may be a lie: read the cells it has
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(cells)
    except DataError:
        raise
    except Exception as exc:
        problem = Problem(source, _("the workbook is damaged and cannot be read ({reason})").format(reason=exc))
        raise DataError([problem]) from exc
    finally:
        book.close()
