"""The team as a CSV or XLSX table: templates, round trips, and problems at their row and column."""

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from typer.testing import Result

from ecomteam.errors import EXIT_DATA

Run = Callable[..., Result]
ASSESS = ("assess", "--stage", "startup", "--goal", "traffic", "--budget", "3000", "-f", "json")


def assessed(run: Run, team: Path) -> str:
    result = run(*ASSESS, "--team", str(team))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_table_template_assesses_as_the_yaml_template_does(run: Run, tmp_path: Path, kind: str) -> None:
    assert run("team", "init", str(tmp_path / "team.yaml")).exit_code == 0
    assert run("team", "init", str(tmp_path / f"team.{kind}")).exit_code == 0
    assert assessed(run, tmp_path / f"team.{kind}") == assessed(run, tmp_path / "team.yaml")


def test_a_filled_in_csv_assesses_as_the_equivalent_yaml(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "team.csv"
    table.write_text(
        "Name;Roles;Hours per week;Engagement\n"
        "Ana;ecommerce-manager, 客服;40;owner\n"
        'Luis;"Fotografía; content-creator";20;part-time\n',
        encoding="utf-8",
    )
    same = tmp_path / "team.yaml"
    same.write_text(
        "people:\n"
        "  - {name: Ana, roles: [ecommerce-manager, 客服], hours_per_week: 40, engagement: owner}\n"
        "  - {name: Luis, roles: [Fotografía, content-creator], hours_per_week: 20, engagement: part-time}\n",
        encoding="utf-8",
    )
    assert assessed(run, table) == assessed(run, same)


def test_a_filled_in_workbook_assesses_as_the_equivalent_yaml(run: Run, tmp_path: Path) -> None:
    assert run("team", "init", str(tmp_path / "team.xlsx")).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "team.xlsx")
    sheet = book["team"]
    sheet.append(["Mia", "packer; customer-service", 0.5, None, "part-time", None, None])
    book.save(tmp_path / "team.xlsx")
    yaml_team = tmp_path / "team.yaml"
    assert run("team", "init", str(yaml_team)).exit_code == 0
    yaml_team.write_text(
        yaml_team.read_text(encoding="utf-8")
        + "  - {name: Mia, roles: [packer, customer-service], fte: 0.5, engagement: part-time}\n",
        encoding="utf-8",
    )
    assert assessed(run, tmp_path / "team.xlsx") == assessed(run, yaml_team)


def test_every_bad_cell_is_reported_at_its_row_and_column(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "team.csv"
    table.write_text('name,roles,fte,engagement\nAna,packer,1,owner\nBob,packer,"0,5",full-time\nEve,packer,3,boss\n')
    result = run(*ASSESS, "--team", str(table))
    assert result.exit_code == EXIT_DATA
    assert "team.csv:3:3: people[1].fte: '0,5' has a decimal comma: write 0.5" in result.stderr
    assert "team.csv:4:3: people[2].fte:" in result.stderr
    assert "team.csv:4:4: people[2].engagement:" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_role_is_reported_at_its_cell(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "team.csv"
    table.write_text('name,engagement,roles,fte\nAna,owner,"packer; closer",1\n')
    result = run(*ASSESS, "--team", str(table))
    assert result.exit_code == EXIT_DATA
    assert "team.csv:2:3: people[0].roles[1]:" in result.stderr
    assert "closer" in result.stderr


def test_a_workbook_problem_names_the_sheet_row_and_column(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "roles", "fte", "engagement"])
    sheet.append(["Ana", "packer", 1, "owner"])
    sheet.append(["Bob", "packer", 7, "full-time"])
    book.save(tmp_path / "team.xlsx")
    result = run(*ASSESS, "--team", str(tmp_path / "team.xlsx"))
    assert result.exit_code == EXIT_DATA
    assert "team.xlsx:3:3: people[1].fte:" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [("name,rolez,fte\n", "unknown column 'rolez' (did you mean 'roles'?)"),
     ("name,roles,roles\nA,packer,packer\n", "the column 'roles' is given twice"),
     ("", "no header row"), ("name,roles,fte,engagement\n", "no people")],
)  # fmt: skip
def test_a_table_that_is_not_a_team_says_why(run: Run, tmp_path: Path, content: str, message: str) -> None:
    table = tmp_path / "team.csv"
    table.write_text(content, encoding="utf-8")
    result = run(*ASSESS, "--team", str(table))
    assert result.exit_code == EXIT_DATA
    assert message in result.stderr


def test_a_damaged_workbook_is_refused_with_a_message(run: Run, tmp_path: Path) -> None:
    (tmp_path / "team.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run(*ASSESS, "--team", str(tmp_path / "team.xlsx"))
    assert result.exit_code == EXIT_DATA
    assert "not an Excel workbook" in result.stderr


def test_team_init_refuses_a_format_the_name_contradicts(run: Run, tmp_path: Path) -> None:
    result = run("team", "init", str(tmp_path / "team.csv"), "--format", "xlsx")
    assert result.exit_code == 2
    assert not (tmp_path / "team.csv").exists()


def test_team_init_keeps_an_existing_table(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "team.csv"
    table.write_text("mine\n", encoding="utf-8")
    assert run("team", "init", str(table)).exit_code != 0
    assert table.read_text(encoding="utf-8") == "mine\n"
