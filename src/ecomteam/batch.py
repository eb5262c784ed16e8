"""Many profiles at once: read them from a table or a list, and plan each one.

A reader turns a CSV, XLSX, JSON Lines or YAML file into `Row`s, one per profile,
each knowing where its fields are in the file, and reads it as it goes (YAML, one
document, is read whole). `plan_row` builds a row's plan, or says what is wrong with
the row, located. Nothing here prints; `ecomteam.cli.batch` runs the rows on every
core and `ecomteam.output.batch` writes the results.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from ecomteam.errors import DataError, EcomteamError, Problem
from ecomteam.i18n import _
from ecomteam.vocab import Engagement, ProfilesFormat, Stage

if TYPE_CHECKING:
    from datetime import date

    from pydantic import ValidationError

    from ecomteam.api import Knowledge
    from ecomteam.plan import Plan

#: A column that names the row in the results; every other column is a profile field.
ID_COLUMN = "id"
#: The longest id kept: a name, not a document.
MAX_ID_LENGTH = 200


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one row, at its place in the file (`12` a line, `8:3` a cell, `Sheet1!C8`)."""

    source: str
    place: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        """Format as `file:place: row N: field: message`."""
        field = f" {self.field}:" if self.field else ""
        return _("{source}:{place}: row {row}:{field} {message}").format(
            source=self.source, place=self.place, row=self.row, field=field, message=self.message
        )


@dataclass(frozen=True)
class Row:
    """One profile as read: its fields' values and where each one is in the file."""

    number: int  # 1-based, among the profiles (headers and blank lines are not counted)
    place: str  # where the row starts
    values: dict[str, Any]
    places: dict[str, str] = field(default_factory=dict)  # each field's place, where known
    id: str = ""
    problems: tuple[RowProblem, ...] = ()  # found while reading; the row is not planned

    def place_of(self, name: str) -> str:
        """Where a field is, or the row's start when the field is not in it."""
        return self.places.get(name, self.place)


def plan_row(row: Row, source: str, knowledge: Knowledge, start: date) -> Plan | tuple[RowProblem, ...]:
    """The row's plan, built as `ecomteam recommend` builds it (from `start`, for a timeline), or every problem."""
    from pydantic import ValidationError

    from ecomteam.currency import priced_for
    from ecomteam.engine import build_plan
    from ecomteam.profile import Profile

    if row.problems:
        return row.problems
    try:
        profile = Profile.model_validate(row.values)
    except ValidationError as exc:
        return _field_problems(exc, row, source)
    try:
        profile, index, book = priced_for(profile, knowledge.roles, knowledge.rules)
        return build_plan(profile, index.catalogue, book, trace=False, start=start)
    except EcomteamError as exc:  # a profile the engine cannot plan for (live rooms without livestream, ...)
        return (RowProblem(source, row.place, row.number, "", str(exc)),)


def _field_problems(exc: ValidationError, row: Row, source: str) -> tuple[RowProblem, ...]:
    from ecomteam.profile import Profile
    from ecomteam.validation import error_message, format_loc

    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        name = str(loc[0]) if loc else ""
        problems.append(
            RowProblem(source, row.place_of(name), row.number, format_loc(loc), error_message(error, loc, Profile))
        )
    return tuple(problems)


# ------------------------------------------------------------------ readers


def read_rows(stream: IO[str] | IO[bytes], format: ProfilesFormat, source: str) -> Iterator[Row]:
    """The profiles in a stream (text for CSV, JSON Lines and YAML; bytes for XLSX), in order.

    Raises:
        DataError: The file as a whole cannot be read: no header, an unknown or repeated
            column, not a workbook, not a YAML list. A bad row is a `Row` with problems.
    """
    try:
        yield from _rows(stream, format, source)
    except UnicodeDecodeError as exc:
        raise DataError([Problem(source, _("not UTF-8 text; save the file as UTF-8"))]) from exc
    except csv.Error as exc:  # a NUL byte, a field past the size limit, a stray quote at the end
        raise DataError([Problem(source, _("not a CSV file that can be read ({reason})").format(reason=exc))]) from exc


def _rows(stream: IO[str] | IO[bytes], format: ProfilesFormat, source: str) -> Iterator[Row]:
    match format:
        case ProfilesFormat.CSV:
            return _csv_rows(typing.cast("IO[str]", stream), source)
        case ProfilesFormat.XLSX:
            return _xlsx_rows(typing.cast("IO[bytes]", stream), source)
        case ProfilesFormat.JSONL:
            return _jsonl_rows(typing.cast("IO[str]", stream), source)
        case ProfilesFormat.YAML:
            from ecomteam.files import read_capped

            return _yaml_rows(read_capped(typing.cast("IO[str]", stream), source, "YAML list of profiles"), source)
    typing.assert_never(format)


def _csv_rows(stream: IO[str], source: str) -> Iterator[Row]:
    lines = _lines(stream, source)
    first = next(lines, "")
    if not first.strip():
        message = _("no header row: the first line names the columns (stage, budget, ...)")
        raise DataError([Problem(source, message, line=1)])
    delimiter = sniff_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter))
    table = _Table(source, [], str, lambda index, at: f"{at}:{index + 1}")
    table.columns.extend(_columns(header, table))
    reader = csv.reader(lines, delimiter=delimiter)
    number, consumed = 0, 0
    for cells in reader:
        start, consumed = 2 + consumed, reader.line_num  # the reader counts the lines after the header
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        yield _table_row(table, number, start, cells)


def sniff_delimiter(header: str) -> str:
    """The separator a CSV header line uses: `,`, `;` (Excel's where the decimal mark is a comma) or a tab."""
    return max(";,\t", key=header.count)


def column_name(title: str) -> str:
    """A column title as a field name: `Orders per day`, `orders-per-day` and `orders_per_day` alike."""
    return re.sub(r"[\s-]+", "_", title.strip().lower())


def _xlsx_rows(stream: IO[bytes], source: str) -> Iterator[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    check_unpacked_size(stream, source)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:
        raise DataError(
            [Problem(source, _("not an Excel workbook (.xlsx) that can be read: {reason}").format(reason=exc))]
        ) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the size a workbook declares may be a lie: read the cells it has
        rows = _read_or_refuse(sheet.iter_rows(values_only=True), source)
        header = [("" if cell is None else str(cell)) for cell in next(rows, ())]
        if not any(name.strip() for name in header):
            raise DataError(
                [
                    Problem(
                        source,
                        _("sheet {sheet!r} has no header row in row 1 (stage, budget, ...)").format(sheet=sheet.title),
                    )
                ]
            )
        title = sheet.title
        table = _Table(
            source, [], lambda at: f"{title}!{at}", lambda index, at: f"{title}!{get_column_letter(index + 1)}{at}"
        )
        table.columns.extend(_columns(header, table))
        number = 0
        for at, cells in enumerate(rows, start=2):
            if not any(_filled(value) for value in cells):
                continue
            number += 1
            yield _table_row(table, number, at, cells)
    finally:
        book.close()


#: The most a workbook may unpack to: its XML parts are read into memory.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: The longest line of a CSV or JSON Lines file: a profile is a few hundred bytes.
MAX_LINE_CHARS = 1024 * 1024


def check_unpacked_size(stream: IO[bytes], source: str) -> None:
    """Refuse a workbook that unpacks to more than `MAX_UNPACKED_BYTES` (a zip bomb) before reading it."""
    import zipfile

    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    finally:
        stream.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 2**20
        raise DataError(
            [Problem(source, _("the workbook unpacks to more than {limit} MiB; split it").format(limit=limit))]
        )


def _read_or_refuse(rows: Iterator[tuple[object, ...]], source: str) -> Iterator[tuple[object, ...]]:
    """A sheet's rows; a workbook damaged inside (a cell openpyxl cannot read) stops with a message."""
    at = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            message = _("the workbook is damaged after row {row} and cannot be read ({reason})").format(
                row=at, reason=f"{type(exc).__name__}: {exc}"
            )
            raise DataError([Problem(source, message)]) from exc
        at += 1
        yield cells


def _lines(stream: IO[str], source: str) -> Iterator[str]:
    """A text file's lines, each at most `MAX_LINE_CHARS`: an endless line (/dev/zero) is refused."""
    line = 0
    while text := stream.readline(MAX_LINE_CHARS + 1):
        line += 1
        if len(text) > MAX_LINE_CHARS and not text.endswith("\n"):
            message = _("line {line} is longer than {limit} characters: not a file of profiles").format(
                line=line, limit=MAX_LINE_CHARS
            )
            raise DataError([Problem(source, message, line=line)])
        yield text


def _jsonl_rows(stream: IO[str], source: str) -> Iterator[Row]:
    number = 0
    for line, text in enumerate(_lines(stream, source), start=1):
        if not text.strip():
            continue
        number += 1
        place = str(line)
        try:
            values = json.loads(text)
        except (ValueError, RecursionError) as exc:
            reason = _("not JSON (nested too deeply)")
            if isinstance(exc, json.JSONDecodeError):
                reason = _("not JSON ({reason}, column {column})").format(reason=exc.msg, column=exc.colno)
            yield Row(number, place, {}, problems=(RowProblem(source, place, number, "", reason),))
            continue
        if not isinstance(values, dict):
            problem = RowProblem(source, place, number, "", _("each line must be a JSON object: one profile"))
            yield Row(number, place, {}, problems=(problem,))
            continue
        yield _mapping_row(number, place, values, dict.fromkeys(values, place), source)


def _yaml_rows(text: str, source: str) -> Iterator[Row]:
    from ecomteam.yamlfile import parse_yaml

    document = parse_yaml(text, source)
    if not isinstance(document.data, list):
        raise DataError([Problem(source, _("the file must be a YAML list of profiles (each item a mapping)"), line=1)])
    for index, values in enumerate(document.data):

        def place(*loc: str | int, index: int = index) -> str:
            line, column = document.position((index, *loc))
            return f"{line}:{column}" if line is not None else "?"

        if not isinstance(values, dict):
            problem = RowProblem(source, place(), index + 1, "", _("each item must be a mapping: one profile"))
            yield Row(index + 1, place(), {}, problems=(problem,))
            continue
        places = {str(name): place(str(name)) for name in values}
        yield _mapping_row(index + 1, place(), values, places, source)


def _mapping_row(number: int, place: str, values: dict[str, Any], places: dict[str, str], source: str) -> Row:
    """A row from a JSON or YAML mapping: typed already; the id taken out."""
    values = dict(values)
    identity = values.pop(ID_COLUMN, "")
    if not isinstance(identity, str | int) or isinstance(identity, bool):
        problem = RowProblem(
            source, places.get(ID_COLUMN, place), number, ID_COLUMN, _("the id must be text or a number")
        )
        return Row(number, place, values, places, problems=(problem,))
    return Row(number, place, values, places, id=str(identity)[:MAX_ID_LENGTH])


# ------------------------------------------------------------------ tables


@dataclass(frozen=True)
class _Column:
    index: int
    name: str  # the profile field, or the id column


@dataclass(frozen=True)
class _Table:
    """A CSV file or a worksheet: its columns, and how its places are written."""

    source: str
    columns: list[_Column]
    row_place: Callable[[int], str]  # the place of a row, from its line or sheet row
    cell_place: Callable[[int, int], str]  # the place of a cell, from its column index and row


def _columns(header: list[str], table: _Table) -> list[_Column]:
    """The header's columns as profile fields: `Orders per day`, `orders-per-day` and `orders_per_day` alike.

    Raises:
        DataError: A column that is not a profile field, or one given twice.
    """
    from ecomteam.fields import PROFILE_FIELDS
    from ecomteam.suggest import did_you_mean

    known = [*PROFILE_FIELDS, ID_COLUMN]
    columns, problems, seen = [], [], set()
    for index, title in enumerate(header):
        name = column_name(title)
        if not name:
            continue
        if name not in known:
            message = _("unknown column {column!r}{suggestion}; the columns are: {columns}").format(
                column=title, suggestion=did_you_mean(name, known), columns=", ".join(known)
            )
            problems.append(Problem(table.source, message, line=1, column=index + 1))
        elif name in seen:
            problems.append(
                Problem(
                    table.source,
                    _("the column {column!r} is given twice").format(column=name),
                    line=1,
                    column=index + 1,
                )
            )
        seen.add(name)
        columns.append(_Column(index, name))
    if problems:
        raise DataError(problems, "profile table")
    return columns


def _table_row(table: _Table, number: int, at: int, cells: Iterable[object]) -> Row:
    """A row from a CSV line or a sheet row: cells turned into the values a profile file would hold."""
    cells = list(cells)
    values: dict[str, Any] = {}
    places: dict[str, str] = {}
    problems = []
    identity = ""
    for column in table.columns:
        raw = cells[column.index] if column.index < len(cells) else None
        if not _filled(raw):
            continue
        places[column.name] = table.cell_place(column.index, at)
        if column.name == ID_COLUMN:
            identity = str(raw).strip()[:MAX_ID_LENGTH]
            continue
        try:
            values[column.name] = cell_value(column.name, raw)
        except ValueError as exc:
            problems.append(RowProblem(table.source, places[column.name], number, column.name, str(exc)))
    width = max((column.index for column in table.columns), default=-1) + 1
    extra = next((index for index in range(width, len(cells)) if _filled(cells[index])), None)
    if extra is not None:
        message = _("more cells than the header has columns: check the separators in this row")
        problems.append(RowProblem(table.source, table.cell_place(extra, at), number, "", message))
    return Row(number, table.row_place(at), values, places, id=identity, problems=tuple(problems))


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


#: A number written with thousands separators (`2.000`, `12,500`, `1 000`, `2'000`):
#: 2 or 2000 depending on the writer's language, so it is refused rather than guessed.
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,' \u00a0\u202f]\d{3})+$")


def cell_value(name: str, raw: object) -> Any:
    """A table cell as the profile field `name` takes it: lists split at `;` or `,`, counts checked.

    Raises:
        ValueError: A count that could be read two ways, or written with a decimal comma.
    """
    kind = _field_kind(name)
    if not isinstance(raw, str):
        return [raw] if kind == "list" else raw
    text = raw.strip()
    if kind == "list":
        return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    if kind == "number" and (problem := number_text_problem(text)):
        raise ValueError(problem)
    return text


def number_text_problem(text: str) -> str | None:
    """What is doubtful about a number written as text: thousands separators, or a decimal comma; None if fine."""
    if _GROUPED.match(text):
        whole = re.sub(r"[^\d+-]", "", text)
        return _(
            "{text!r} may mean {whole} or a number with decimals, depending on the language it was "
            "written in: write {whole} without separators, or use a point for decimals"
        ).format(text=text, whole=whole)
    if re.fullmatch(r"[+-]?\d*,\d+", text):
        return _("{text!r} has a decimal comma: write {point}").format(text=text, point=text.replace(",", "."))
    return None


@functools.cache
def _field_kind(name: str) -> str:
    """`list`, `number` or `text`: how a profile field is written in a table cell."""
    from ecomteam.profile import Profile, amount_fields
    from ecomteam.validation import annotation_at

    if name in amount_fields():  # an amount is read by the language's conventions, as `recommend --budget` is
        return "text"
    annotation = annotation_at(Profile, (name,))
    if typing.get_origin(annotation) is tuple:
        return "list"
    if annotation in (int, float):
        return "number"
    return "text"


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Staffing:
    """One position of the final team, as a summary lists it."""

    role: str
    name: str
    fte: float
    engagement: Engagement


@dataclass(frozen=True)
class Summary:
    """A plan in one row: the figures a consultant compares across shops."""

    stage: Stage
    fte: float
    in_house_fte: float
    outsource_fte: float
    monthly_cost: float
    phase_1_monthly_cost: float
    currency: str
    budget: float | None
    cost_to_revenue: float | None
    warnings: int
    team: tuple[Staffing, ...]


def summarise(plan: Plan) -> Summary:
    """The summary row of a plan; the team is the one in place once every phase is done."""
    totals = plan.totals
    team = tuple(
        Staffing(line.role, line.name, line.fte, line.engagement) for line in plan.team if line.until_phase is None
    )
    return Summary(
        stage=plan.profile.stage,
        fte=totals.fte,
        in_house_fte=totals.in_house_fte,
        outsource_fte=totals.outsource_fte,
        monthly_cost=totals.monthly_cost,
        phase_1_monthly_cost=totals.phase_1_monthly_cost,
        currency=plan.profile.currency,
        budget=totals.budget,
        cost_to_revenue=totals.cost_to_revenue,
        warnings=len(plan.warnings),
        team=team,
    )


@dataclass(frozen=True)
class Outcome:
    """What became of one row: its plan as the output wants it (a JSON line or a summary), or its problems."""

    number: int
    id: str
    text: str | None = None
    summary: Summary | None = None
    problems: tuple[RowProblem, ...] = ()
