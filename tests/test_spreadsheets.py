"""Spreadsheets both ways, and the format named by the output file's extension.

Each workbook sheet is read back with openpyxl and checked, type and value, against
the JSON of the same plan.
"""

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import Result

Run = Callable[..., Result]

PLAN = ("recommend", "--stage", "growth", "--orders-per-day", "150", "--budget", "20000", "--start", "2027-01-01")


def workbook(run: Run, tmp_path: Path, *args: str) -> openpyxl.Workbook:
    target = tmp_path / "plan.xlsx"
    result = run(*args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(target)


def plan_json(run: Run) -> dict:
    result = run(*PLAN, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def sheet_records(book: openpyxl.Workbook, name: str) -> list[dict]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_plan_workbook_has_a_sheet_per_view_with_frozen_headers(run: Run, tmp_path: Path) -> None:
    book = workbook(run, tmp_path, *PLAN)
    assert book.sheetnames == ["team", "rollout", "costs", "split", "sources"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert all(sheet.column_dimensions[cell.column_letter].width >= 4 for cell in sheet[1])


def test_team_cells_are_typed_and_match_the_json(run: Run, tmp_path: Path) -> None:
    book, plan = workbook(run, tmp_path, *PLAN), plan_json(run)
    lines = sheet_records(book, "team")
    assert [line["role"] for line in lines] == [line["role"] for line in plan["team"]]
    for line, expected in zip(lines, plan["team"], strict=True):
        assert isinstance(line["fte"], int | float)
        assert line["fte"] == pytest.approx(expected["fte"])
        assert line["monthly_cost"] == pytest.approx(expected["monthly_cost"])
        assert line["phase"] == expected["phase"]
    money = book["team"]["G2"].number_format
    assert "EUR" in money
    assert "#,##0" in money


def test_rollout_and_costs_sheets_carry_dates_and_the_run_rate(run: Run, tmp_path: Path) -> None:
    book, plan = workbook(run, tmp_path, *PLAN), plan_json(run)
    phases = sheet_records(book, "rollout")
    assert [phase["run_rate"] for phase in phases] == pytest.approx([p["monthly_cost"] for p in plan["phases"]])
    assert isinstance(phases[0]["from"], datetime)
    assert phases[0]["from"].date() == date(2027, 1, 1)
    months = sheet_records(book, "costs")
    assert months[0]["run_rate"] == pytest.approx(plan["totals"]["phase_1_monthly_cost"])
    assert months[-1]["run_rate"] == pytest.approx(plan["totals"]["monthly_cost"])
    assert months[-1]["cumulative_cost"] == pytest.approx(sum(month["run_rate"] for month in months))


def test_split_sheet_shares_add_up(run: Run, tmp_path: Path) -> None:
    book, plan = workbook(run, tmp_path, *PLAN), plan_json(run)
    split = {row["sourcing"]: row for row in sheet_records(book, "split")}
    assert split["total"]["monthly_cost"] == pytest.approx(plan["totals"]["monthly_cost"])
    assert split["in-house"]["share_of_cost"] + split["outsourced"]["share_of_cost"] == pytest.approx(1)
    assert book["split"]["D2"].number_format == "0.0%"


def test_sources_sheet_names_articles_not_files(run: Run, tmp_path: Path) -> None:
    rows = sheet_records(workbook(run, tmp_path, *PLAN), "sources")
    kinds = {row["kind"] for row in rows}
    assert {"cost band", "engagement", "driver", "article"} <= kinds
    assert not any(".txt" in str(row["name"]) for row in rows)


def test_text_that_looks_like_a_formula_stays_text(run: Run, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(
        "people:\n  - name: '=HYPERLINK(\"x\")'\n    roles: [customer-service]\n    fte: 1\n    engagement: full-time\n"
    )
    book = workbook(run, tmp_path, "assess", "--team", str(team), "--stage", "growth")
    cells = [cell for row in book["coverage"].iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any("HYPERLINK" in cell.value for cell in cells)
    assert all(cell.data_type == "s" for cell in cells)


def test_a_workbook_is_refused_for_a_role_card(run: Run, tmp_path: Path) -> None:
    result = run("roles", "show", "customer-service", "-o", str(tmp_path / "role.xlsx"))
    assert result.exit_code == 2
    assert "XLSX holds lines of a table" in result.stderr
    assert not (tmp_path / "role.xlsx").exists()


@pytest.mark.parametrize(
    ("name", "starts"),
    [("plan.json", "{"), ("plan.yaml", "schema_version"), ("plan.yml", "schema_version"), ("plan.md", "# E-commerce"),
     ("plan.html", "<!DOCTYPE html>"), ("plan.svg", "<svg"), ("plan.csv", "phase,role"), ("plan.txt", "Team for")],
)  # fmt: skip
def test_the_extension_picks_the_format(run: Run, tmp_path: Path, name: str, starts: str) -> None:
    target = tmp_path / name
    assert run(*PLAN, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith(starts)


def test_a_format_that_contradicts_the_extension_is_refused(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = run(*PLAN, "-f", "json", "-o", str(target))
    assert result.exit_code == 2
    assert "--format json does not match" in result.stderr
    assert "markdown" in result.stderr
    assert not target.exists()


def test_an_unknown_extension_keeps_the_commands_default(run: Run, tmp_path: Path) -> None:
    plan, description = tmp_path / "plan.out", tmp_path / "job.out"
    assert run(*PLAN, "-o", str(plan)).exit_code == 0
    assert run("jd", "customer-service", "-o", str(description)).exit_code == 0
    assert plan.read_text(encoding="utf-8").startswith("Team for")
    assert description.read_text(encoding="utf-8").startswith("# ")


def test_a_job_description_can_be_a_web_page(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "jd.html"
    assert run("jd", "customer-service", "--stage", "growth", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Experienced Customer Service Agent" in text
